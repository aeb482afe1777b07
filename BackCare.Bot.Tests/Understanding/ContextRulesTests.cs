using System.Text.Json.Nodes;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Understanding;

/// <summary>
/// The language layer's rules for context (ConText triggers, pseudo-triggers, rewrites, checklist items), each
/// on the shipped lexicon and, where the rule is the code's, on a copy that isolates it.
/// </summary>
public class ContextRulesTests
{
    private static readonly DateTime Today = new(2026, 11, 25, 12, 0, 0);

    [Theory]
    [InlineData("if i sit down for long my bum goes numb", RedFlag.SaddleNumbness)]
    [InlineData("my wife noticed a swelling on my back", RedFlag.LumpOrShapeChange)]
    [InlineData("they did my discectomy last month", RedFlag.RecentSpinalProcedure)]
    [InlineData("not gonna lie, I'm worried about the numbness in my private area", RedFlag.SaddleNumbness)]
    [InlineData("i not feel nothing when i sit on the toilet seat, is like rubber", RedFlag.SaddleNumbness)]
    [InlineData("the cough medicine isnt helping, every cough goes right into my back", RedFlag.SneezeCoughOrPoo)]
    [InlineData("no numbness, yes bladder problems", RedFlag.BladderOrBowel)]
    public void A_phrase_that_holds_a_trigger_word_but_is_no_trigger_leaves_the_sign_reported(string text, RedFlag sign)
    {
        Assert.Contains(sign, Language.Signs.Scan(text).Select(s => s.Sign));
    }

    [Theory]
    [InlineData("what if my bum goes numb")]
    [InlineData("I'm worried about cancer")]
    [InlineData("scared it's cancer, my dad's started like this")]
    [InlineData("I have hay fever")]
    [InlineData("it's a wee bit sore")]
    [InlineData("think I'm having a heart attack lol jk its just my back")]
    [InlineData("no numbness, no pee problems, legs ok, no crash, chest ok")]
    public void Hypotheticals_fears_jokes_and_phrases_read_as_a_whole_report_no_sign(string text)
    {
        Assert.DoesNotContain(Language.Signs.Scan(text), s => TriageRules.LevelOf(s.Sign) >= Disposition.Urgent);
    }

    [Fact]
    public void A_pseudo_trigger_silences_the_shorter_triggers_inside_it_of_every_kind_and_keeps_one_as_long_as_itself()
    {
        // The rule alone, on made-up words: "zzthing" is hypothetical after "if zzother", not after "if zzword" (a
        // pseudo-trigger holding "if"); "not sure" is both a pseudo-trigger and a doubt: still a doubt.
        using var layer = new LanguageLayer(Lexicon.Load(LexiconCopy.Folder(root =>
        {
            root["concepts"]!["ZzThing"] = new JsonObject { ["current"] = false, ["patterns"] = new JsonArray("zzthing") };
            root["context"]!["pseudo"]!.AsArray().Add("if zzword");
        })));

        Mention Read(string text) => layer.Analyse(text).Mentions.Single(m => m.Concept == "ZzThing");

        Assert.True(Read("if zzother zzthing").Hypothetical);
        Assert.False(Read("if zzword zzthing").Hypothetical);
        Assert.True(Read("not sure zzthing").Uncertain);
        Assert.False(Read("not sure zzthing").Negated);
    }

    [Fact]
    public void An_items_short_name_after_a_word_of_place_is_a_place_and_before_one_of_choice_the_item()
    {
        var onTheToilet = Language.Replies.Read(QuestionId.EmergencyScreen, "my bum has been a bit numb on the toilet", Today)!;
        var toTheToilet = Language.Replies.Read(QuestionId.EmergencyScreen, "yes to the toilet one", Today)!;

        Assert.Equal([RedFlag.SaddleNumbness], onTheToilet.Signs!.Keys);
        Assert.Equal([RedFlag.BladderOrBowel], toTheToilet.Signs!.Keys);
    }

    [Fact]
    public void An_items_short_name_is_read_with_its_signs_exclusions()
    {
        var mums = Language.Replies.Read(QuestionId.SameDayScreen, "none, the cancer was my mums not mine", Today)!;
        var mine = Language.Replies.Read(QuestionId.SameDayScreen, "the cancer one", Today)!;

        Assert.Equal(ChecklistAnswer.None, mums.Checklist);
        Assert.Equal([RedFlag.CancerHistory], mine.Signs!.Keys);
    }

    [Fact]
    public void A_yes_between_a_denial_and_an_item_answers_for_the_item()
    {
        var each = Language.Replies.Read(QuestionId.EmergencyScreen, "no 1 no 2 no 3 yes 4 no 5 no 6 no 7", Today)!;
        var neither = Language.Replies.Read(QuestionId.EmergencyScreen, "no 1 or 2", Today)!;

        Assert.Equal([RedFlag.BothLegsNumbOrWeak], each.Signs!.Keys);
        Assert.Equal(ChecklistAnswer.None, neither.Checklist);
    }

    [Theory]
    [InlineData("it is a wee bit sore", "it is a little bit sore")]
    [InlineData("every day more worse", "every day worse")]
    [InlineData("only the very last on the list", "only the last one")]
    [InlineData("in my late 60s", "in my late 60s")]
    [InlineData("3wks", "3 weeks")]
    public void Rewrites_of_several_words_apply_and_a_decade_stays_one_word(string text, string tokens)
    {
        Assert.Equal(tokens, string.Join(' ', Language.Layer.Normalize(text).Tokens));
    }

    [Fact]
    public void A_rewrite_of_several_words_applies_over_the_words_rewritten_one_by_one()
    {
        // "zza" is rewritten to "zzb" word by word, then "zzb zzc" as a phrase: the rounds chain.
        var lexicon = Lexicon.Load(LexiconCopy.Folder(root =>
        {
            root["rewrite"]!["zza"] = "zzb";
            root["rewrite"]!["zzb zzc"] = "zzd zze";
            root["rewrite"]!["zzd zze zzf"] = "zzg";
        }));

        Assert.Equal("zzg", string.Join(' ', Utterance.Of("zza zzc zzf", lexicon).Tokens));
        Assert.Equal("zzd zze", string.Join(' ', Utterance.Of("zzb zzc", lexicon).Tokens));
    }

    [Theory]
    [InlineData("late 60s", AgeBand.From65To69)]
    [InlineData("early 50s", AgeBand.From50To64)]
    public void A_decade_with_early_or_late_reads_its_part(string text, AgeBand band)
    {
        Assert.Equal(band, Language.Replies.Read(QuestionId.Age, text, Today)!.Age);
    }

    [Theory]
    [InlineData(QuestionId.BothLegs, "mostly the left but i think the right is starting too")]
    [InlineData(QuestionId.SaddleNumbness, "no... well maybe a bit odd on the left cheek now you mention it")]
    [InlineData(QuestionId.ChestPain, "not pain exactly, more like a heavy weight on my chest")]
    public void A_no_that_goes_on_to_describe_the_sign_is_not_read_as_a_plain_no(QuestionId question, string text)
    {
        var reply = Language.Replies.Read(question, text, Today);

        Assert.True(reply is null || reply.NeedsConfirmation || reply.Answer is Answer.Yes or Answer.NotSure, $"read {reply?.Answer}");
    }

    [Theory]
    [InlineData("1 no 2 no 3 no 4 yes 5 no 6 no 7 no", new[] { RedFlag.BothLegsNumbOrWeak })]
    [InlineData("3 and 6 no, 1 yes", new[] { RedFlag.SaddleNumbness })]
    [InlineData("no to 1 and 2, yes to 5", new[] { RedFlag.WorseningLegWeakness })]
    [InlineData("1: no, 2: yes, 3: no", new[] { RedFlag.BladderOrBowel })]
    [InlineData("number to and for", new[] { RedFlag.BladderOrBowel, RedFlag.BothLegsNumbOrWeak })]
    [InlineData("yes to 4", new[] { RedFlag.BothLegsNumbOrWeak })]
    [InlineData("1 and 2", new[] { RedFlag.SaddleNumbness, RedFlag.BladderOrBowel })]
    public void Items_answered_one_by_one_or_typed_by_a_voice_are_read_item_by_item(string text, RedFlag[] signs)
    {
        var reply = Language.Replies.Read(QuestionId.EmergencyScreen, text, Today)!;

        Assert.Equal(signs.Order(), reply.Signs!.Keys.Order());
    }

    [Fact]
    public void Items_all_answered_no_one_by_one_are_none()
    {
        Assert.Equal(ChecklistAnswer.None, Language.Replies.Read(QuestionId.EmergencyScreen, "1 no, 2 no, 3 no", Today)!.Checklist);
    }

    [Theory]
    [InlineData("I had chest pain but that was years ago", RedFlag.ChestPain)]
    [InlineData("when i was 20 i had a bad fall skiing", RedFlag.SeriousAccidentOrFall)]
    public void A_sign_over_and_done_with_is_past_even_after_a_but(string text, RedFlag sign)
    {
        Assert.DoesNotContain(sign, Language.Signs.Scan(text).Select(s => s.Sign));
    }

    [Theory]
    [InlineData("my legs are numb but the tingling went away", RedFlag.BothLegsNumbOrWeak)]
    [InlineData("since two days i am not able to feel when i need pee", RedFlag.BladderOrBowel)]
    [InlineData("is it normal to not be able to feel my bum when i sit on the toilet", RedFlag.SaddleNumbness)]
    public void A_sign_still_there_is_reported(string text, RedFlag sign)
    {
        Assert.Contains(sign, Language.Signs.Scan(text).Select(s => s.Sign));
    }
}
