using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;
using Q = BackCare.Bot.Triage.QuestionId;

namespace BackCare.Bot.Tests.Dialogs;

/// <summary>
/// Whole conversations for each class of reading failure the language layer exists for: hedges and "no, but…",
/// exceptions, denials across "or", passing mentions, someone else's events, words read back and corrected, and
/// signs typed in the routine and at the carry-on question.
/// </summary>
public class ListeningConversationTests
{
    private static string Headline(BotConversation sut, Disposition level)
        => sut.Content.Dispositions[level].Headline.Split("**", StringSplitOptions.RemoveEmptyEntries)[0];

    private static async Task<List<Microsoft.Bot.Schema.Activity>> AskUntilAsync(BotConversation sut, Q question, Dictionary<Q, string>? script = null)
    {
        var replies = await sut.SayAsync("hi");
        for (var turn = 0; turn < 40; turn++)
        {
            var asked = sut.QuestionAsked(replies);
            if (asked == question)
            {
                return replies;
            }

            Assert.NotNull(asked);
            replies = await sut.SayAsync(script is not null && script.TryGetValue(asked.Value, out var answer) ? answer : TriageDriver.AllClear(asked.Value));
        }

        throw new InvalidOperationException($"{question} was never asked.");
    }

    [Fact]
    public async Task A_hedged_no_to_a_warning_sign_is_checked_naming_the_sign_and_never_read_as_no()
    {
        var sut = new BotConversation();
        await AskUntilAsync(sut, Q.BladderOrBowel, new() { [Q.EmergencyScreen] = "not sure" });

        var check = await sut.SayTextAsync("not really, it just takes ages to start and then trickles");

        Assert.EndsWith(sut.Content.Questions[Q.BladderOrBowel].Confirm!, check);
        var advice = await sut.SayTextAsync("yes");
        Assert.Contains(Headline(sut, Disposition.Emergency), advice);
    }

    [Fact]
    public async Task A_second_mixed_answer_to_the_check_counts_as_not_sure()
    {
        var sut = new BotConversation();
        await AskUntilAsync(sut, Q.SaddleNumbness, new() { [Q.EmergencyScreen] = "not sure" });
        await sut.SayTextAsync("no numbness exactly, it feels different");

        var advice = await sut.SayTextAsync("hmm no but it is kind of different");

        Assert.Contains(Headline(sut, Disposition.Emergency), advice);
        Assert.Contains(sut.Content.Phrase("reasonNotSure").Split('{')[0], advice);
    }

    [Fact]
    public async Task A_sign_mentioned_in_passing_at_another_question_interrupts()
    {
        var sut = new BotConversation();
        await AskUntilAsync(sut, Q.Duration);

        var advice = await sut.SayTextAsync("about a week, and it feels odd down below when I wipe");

        Assert.Contains(Headline(sut, Disposition.Emergency), advice);
        Assert.Contains(sut.Content.Reasons[RedFlag.SaddleNumbness], advice);
    }

    [Fact]
    public async Task An_urgent_sign_in_passing_is_noted_and_the_questions_go_on()
    {
        var sut = new BotConversation();
        await AskUntilAsync(sut, Q.Duration);

        var reply = await sut.SayAsync("about 5 days, and I've had a fever since Sunday");

        Assert.Contains(sut.Content.Reasons[RedFlag.Fever], BotConversation.Join(reply));
        Assert.Equal(Q.Severity, sut.QuestionAsked(reply));
        var advice = await new TriageDriver(sut).RunAsync([], opening: "3");
        Assert.Contains(Headline(sut, Disposition.Urgent), advice);
    }

    [Fact]
    public async Task Someone_elses_fall_typed_at_any_turn_raises_nothing()
    {
        var sut = new BotConversation();
        await AskUntilAsync(sut, Q.Duration);

        var reply = await sut.SayAsync("2 weeks, it started when my husband had a bad fall and I helped him up");

        Assert.Equal(Q.Severity, sut.QuestionAsked(reply));
    }

    [Fact]
    public async Task A_word_answer_is_read_back_and_the_person_can_correct_it()
    {
        var sut = new BotConversation();
        await AskUntilAsync(sut, Q.Severity);

        var readBack = await sut.SayTextAsync("very sore");
        Assert.Contains("I've noted about 8 out of 10", readBack);

        var corrected = await sut.SayAsync("no, it's more like 5");

        Assert.Contains("I've changed that to about 5 out of 10", BotConversation.Join(corrected));
        Assert.Equal(Q.Rest, sut.QuestionAsked(corrected));
        var summary = await sut.SayTextAsync("summary");
        Assert.Contains("about 5 out of 10", summary);
        Assert.Contains("no, it's more like 5", summary);
    }

    [Fact]
    public async Task Someone_under_sixteen_is_not_triaged()
    {
        var sut = new BotConversation();
        await AskUntilAsync(sut, Q.Age);

        var reply = await sut.SayTextAsync("I'm 14");

        Assert.Contains("16 and over", reply);
        Assert.DoesNotContain("routine", reply, StringComparison.OrdinalIgnoreCase);
        var next = await sut.SayTextAsync("hi");
        Assert.Null(sut.QuestionAsked(sut.Transcript.TakeLast(1)));
        Assert.DoesNotContain("safety checks", next);
    }

    [Fact]
    public async Task A_new_sign_typed_in_the_routine_stops_it_with_the_urgent_advice()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "4" });
        await sut.SayTextAsync("yes please");
        await sut.SayTextAsync("yes, let's start");

        var reply = await sut.SayTextAsync("my left foot has gone numb");

        Assert.Contains(Headline(sut, Disposition.Urgent), reply);
        Assert.Contains(sut.Content.Reasons[RedFlag.OneLegNumbOrWeak], reply);
        Assert.DoesNotContain("Exercise", await sut.SayTextAsync("done"));
    }

    [Fact]
    public async Task A_sign_typed_at_the_carry_on_question_is_heard()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "4" });
        await sut.SayTextAsync("yes please");
        await sut.SayTextAsync("yes, let's start");
        await sut.SayTextAsync("pause");
        var later = sut.LaterConversationOfTheSamePerson();
        await later.SayTextAsync("hi");
        await later.SayTextAsync("yes");

        var reply = await later.SayTextAsync("not really, but my foot keeps dragging when I walk");

        Assert.Contains(Headline(later, Disposition.Emergency), reply);
    }

    [Fact]
    public void Every_button_the_triage_offers_is_understood_by_its_question()
    {
        var sut = new BotConversation();
        foreach (var (id, question) in sut.Content.Questions)
        {
            foreach (var button in question.Buttons)
            {
                Assert.True(Language.Replies.Read(id, button, BotConversation.Today.UtcDateTime) is { NeedsConfirmation: false }, $"{id}: the button \"{button}\" is not understood.");
            }

            if (question.Confirm is not null)
            {
                foreach (var button in new[] { "Yes", "No", "Not sure" })
                {
                    Assert.NotNull(Language.Replies.ReadConfirmation(id, button));
                }
            }
        }
    }

    [Fact]
    public void Every_question_has_a_row_and_its_words()
    {
        foreach (var id in Enum.GetValues<Q>())
        {
            Assert.True(TriageQuestions.IsAsked(id), $"{id} has no row in TriageQuestions.");
            Assert.True(Language.Content.Questions.ContainsKey(id), $"{id} has no words in triage-content.json.");
        }
    }

    [Fact]
    public async Task A_self_care_person_is_asked_at_most_twelve_questions()
    {
        var sut = new BotConversation();
        var driver = new TriageDriver(sut);

        var advice = await driver.RunAsync([]);

        Assert.Contains(Headline(sut, Disposition.SelfCare), advice);
        Assert.True(driver.Asked.Count <= 12, $"{driver.Asked.Count} questions: {string.Join(", ", driver.Asked)}");
    }
}
