using BackCare.Bot.Cards;
using BackCare.Bot.Tests.Support;
using ChannelIds = Microsoft.Bot.Connector.Channels;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using Q = BackCare.Bot.Triage.QuestionId;

namespace BackCare.Bot.Tests.Cards;

/// <summary>The cards the bot sends, read as the channels read them: Adaptive Cards 1.5 that Teams, Web Chat and the Emulator render.</summary>
public class CardTests
{
    private const string PublicBase = "https://backcare.contoso.com/";
    private static readonly string Validator = Path.Combine(SolutionPaths.Root, "BackCare.Bot.Tests", "tools", "validate-adaptive-cards.mjs");

    private static BotConversation Conversation(string channelId = ChannelIds.Emulator, string emergencyNumber = "911")
        => new(channelId: channelId, settings: new Dictionary<string, string?>
        {
            ["BackCare:Web:PublicBaseUrl"] = PublicBase,
            ["BackCare:Care:EmergencyNumber"] = emergencyNumber,
        });

    /// <summary>Starts the routine after an all-clear triage and returns the first page.</summary>
    private static async Task<Activity> AtFirstPageAsync(BotConversation sut)
    {
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "4" });
        await sut.SayAsync("yes");
        return (await sut.SayAsync("yes, let's start"))[^1];
    }

    /// <summary>Says "done" until the routine asks for the pain score; returns every page shown.</summary>
    private static async Task<List<Activity>> WalkToTheEndAsync(BotConversation sut, Activity first)
    {
        var pages = new List<Activity> { first };
        for (var turn = 0; turn < 80; turn++)
        {
            var reply = (await sut.SayAsync("done"))[^1];
            if (SentCards.TextOf(reply)!.Contains("How is your back now", StringComparison.Ordinal))
            {
                return pages;
            }

            pages.Add(reply);
        }

        throw new InvalidOperationException("The routine did not end within 80 pages.");
    }

    private static async Task AssertValidAsync(List<JObject> cards)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cards-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, new JArray(cards).ToString());

        var result = await ExternalProcess.RunAsync("node", [Validator, path]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"{cards.Count} cards valid for Adaptive Cards 1.5", result.Output);
    }

    [Fact]
    public async Task The_validator_rejects_a_card_with_seven_actions_an_unknown_element_or_a_newer_version()
    {
        var tooMany = new JObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JArray(), ["actions"] = new JArray(Enumerable.Range(0, 7).Select(i => new JObject { ["type"] = "Action.Submit", ["title"] = $"b{i}", ["data"] = CardTap.Data("s", "v", null) })) };
        var unknown = new JObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JArray(new JObject { ["type"] = "Carousel" }) };
        var newer = new JObject { ["type"] = "AdaptiveCard", ["version"] = "1.6", ["body"] = new JArray() };
        var path = Path.Combine(Path.GetTempPath(), $"cards-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, new JArray(tooMany, unknown, newer).ToString());

        var result = await ExternalProcess.RunAsync("node", [Validator, path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("card 0: 7 actions", result.Output);
        Assert.Contains("card 1: Unknown element type \"Carousel\"", result.Output);
        Assert.Contains("card 2: version is 1.6", result.Output);
    }

    [Fact]
    public async Task Every_card_the_bot_can_send_is_a_valid_adaptive_card_1_5_with_at_most_six_actions_and_a_plain_summary()
    {
        var conversations = new List<BotConversation>();
        foreach (var channel in new[] { ChannelIds.Emulator, ChannelIds.Msteams, ChannelIds.Webchat })
        {
            // The age ranges as buttons (after two unclear answers), a whole triage to self-care, the routine from start to end with help, pause, back and a stale tap, and the summary.
            var sut = Conversation(channel);
            conversations.Add(sut);
            await sut.SendAsync(new Activity(ActivityTypes.ConversationUpdate) { MembersAdded = [new ChannelAccount("user")], Recipient = new ChannelAccount("bot") });
            await sut.SayAsync("help");
            await sut.SayAsync("hi");
            await sut.SayAsync("none of these");
            foreach (var question in new[] { "purple", "purple" })
            {
                await sut.SayAsync(question);
            }

            var first = await AtFirstPageAsync(sut);
            await sut.SayAsync("help");
            await sut.SayAsync("pause");
            await sut.SayAsync("continue");
            await sut.SayAsync("done");
            await sut.SayAsync("back");
            await sut.TapAsync(first, "Done");
            await WalkToTheEndAsync(sut, first);
            await sut.SayAsync("2");
            await sut.SayAsync("summary");
            await sut.SayAsync("help");
        }

        // Each disposition, an emergency typed in passing, a result that stands, cancel, "it hurts", under 16.
        foreach (var script in new Dictionary<Q, string>[]
        {
            new() { [Q.SaddleNumbness] = "yes" },
            new() { [Q.Fever] = "yes" },
            new() { [Q.Duration] = "2 months", [Q.Severity] = "3" },
            new() { [Q.Age] = "14" },
            new() { [Q.Duration] = "since my car accident on sunday" },
        })
        {
            foreach (var channel in new[] { ChannelIds.Emulator, ChannelIds.Msteams })
            {
                var sut = Conversation(channel);
                conversations.Add(sut);
                await new TriageDriver(sut).RunAsync(script);
                await sut.SayAsync("hi again");
                await sut.SayAsync("summary");
            }
        }

        var cancelled = Conversation(ChannelIds.Msteams);
        conversations.Add(cancelled);
        await cancelled.SayAsync("hi");
        await cancelled.SayAsync("none of these");
        await cancelled.SayAsync("cancel");
        var hurt = Conversation(ChannelIds.Msteams);
        conversations.Add(hurt);
        await AtFirstPageAsync(hurt);
        await hurt.SayAsync("it hurts");
        await hurt.SayAsync("yes");

        var sent = conversations.SelectMany(c => c.Transcript).ToList();
        var cards = sent.Select(SentCards.Adaptive).OfType<JObject>().ToList();
        await AssertValidAsync(cards);
        Assert.All(sent.Where(a => SentCards.Adaptive(a) is not null), a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Summary));
            Assert.DoesNotContain("**", a.Summary);
        });
        Assert.All(sent, a => Assert.DoesNotContain("$type", Newtonsoft.Json.JsonConvert.SerializeObject(a), StringComparison.Ordinal));

        // The kinds of card are all there: step pages with pictures, the emergency, the summary, Teams' long choices and pain scale.
        Assert.True(cards.Any(c => c.SelectTokens("$..[?(@.type == 'Image')]").Any()), "no step page with a picture");
        Assert.True(cards.Any(c => (string?)c.SelectToken("body[0].style") == "attention"), "no emergency card");
        Assert.True(cards.Any(c => SentCards.Text(c).StartsWith("BackCare summary", StringComparison.Ordinal)), "no summary card");
        Assert.True(cards.Any(c => SentCards.Text(c).Contains("How old are you", StringComparison.Ordinal) && SentCards.SubmitTitles(c).Count >= 4), "no age card in Teams");
        Assert.True(cards.Any(c => c.SelectTokens("$..[?(@.type == 'Input.ChoiceSet')]").Any()), "no pain scale card in Teams");
    }

    [Fact]
    public async Task A_tap_on_an_old_card_is_ignored_with_a_word_and_the_current_page_shown_again()
    {
        var sut = Conversation();
        var first = await AtFirstPageAsync(sut);
        var second = (await sut.TapAsync(first, "Done"))[^1];
        Assert.Contains("Step 1 of", SentCards.TextOf(second));

        var stale = await sut.TapAsync(first, "Done");

        Assert.Equal(2, stale.Count);
        Assert.Equal(Language.Text["staleTap"], stale[0].Text);
        Assert.Equal(SentCards.TextOf(second), SentCards.TextOf(stale[1]));

        // The person is still on the same page: the current card's buttons and typed words both work.
        var third = (await sut.TapAsync(stale[1], "Done"))[^1];
        Assert.Contains("Step 2 of", SentCards.TextOf(third));
        var fourth = (await sut.SayAsync("back"))[^1];
        Assert.Contains("Step 1 of", SentCards.TextOf(fourth));
    }

    [Fact]
    public async Task A_tap_on_a_card_of_an_earlier_question_does_not_answer_the_current_one()
    {
        var sut = Conversation(ChannelIds.Msteams);
        var driver = new TriageDriver(sut);
        var replies = await sut.SayAsync("hi");
        Activity? ageCard = null;
        for (var turn = 0; turn < 40 && ageCard is null; turn++)
        {
            var asked = sut.QuestionAsked(replies)!.Value;
            if (asked == Q.Age)
            {
                // Age is typed first; after two unclear answers its five ranges come as buttons.
                await sut.SayAsync("purple");
                ageCard = (await sut.SayAsync("purple"))[^1];
                break;
            }

            replies = await sut.SayAsync(TriageDriver.AllClear(asked));
        }

        Assert.NotNull(ageCard);
        var next = await sut.TapAsync(ageCard!, "20 to 49");
        var nextQuestion = sut.QuestionAsked(next);
        Assert.NotEqual(Q.Age, nextQuestion);

        var stale = await sut.TapAsync(ageCard!, "70 or over");

        Assert.Equal(Language.Text["staleTap"], stale[0].Text);
        Assert.Equal(nextQuestion, sut.QuestionAsked(stale));
        Assert.Contains("20 to 49", await sut.SayTextAsync("summary"));
    }

    [Fact]
    public async Task The_emergency_result_is_an_attention_card_with_the_reasons_and_a_button_that_calls_the_configured_number()
    {
        var sut = Conversation(emergencyNumber: "+44 20 7946 0000");
        var driver = new TriageDriver(sut);
        await driver.RunAsync(new() { [Q.BladderOrBowel] = "yes" });

        var card = SentCards.Adaptive(driver.Final.Single(a => SentCards.Adaptive(a) is not null))!;
        var box = (JObject)card["body"]![0]!;
        Assert.Equal("Container", (string?)box["type"]);
        Assert.Equal("attention", (string?)box["style"]);
        var text = SentCards.Text(card);
        Assert.StartsWith("**Emergency: please get help now.** Call +44 20 7946 0000", text);
        Assert.Contains("Why I'm suggesting this:", text);
        Assert.Contains("I'm not a doctor", text);
        var call = ((JArray)card["actions"]!).Single(a => (string?)a["type"] == "Action.OpenUrl");
        Assert.Equal("tel:+442079460000", (string?)call["url"]);
        Assert.Equal("Call +44 20 7946 0000", (string?)call["title"]);
        Assert.StartsWith("Emergency: please get help now.", driver.Final.Single(a => SentCards.Adaptive(a) is not null).Summary);
    }

    [Fact]
    public async Task Triage_questions_say_how_far_along_they_are()
    {
        var sut = Conversation();

        var first = SentCards.TextOf((await sut.SayAsync("hi"))[^1])!;
        var second = SentCards.TextOf((await sut.SayAsync("none of these"))[^1])!;

        Assert.Matches(@"^_Question 1 of about \d+_\n\n", first);
        Assert.Matches(@"^_Question 2 of about \d+_\n\n", second);
    }

    [Fact]
    public async Task Pain_questions_offer_0_to_10_as_suggested_actions_and_in_teams_a_card_whose_answer_is_read()
    {
        var web = Conversation();
        var webFirst = await AtFirstPageAsync(web);
        await web.SayAsync("stop");
        var webPain = web.Transcript[^1];
        Assert.Equal(Enumerable.Range(0, 11).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), webPain.SuggestedActions.Actions.Select(a => a.Title));

        var teams = Conversation(ChannelIds.Msteams);
        await AtFirstPageAsync(teams);
        await teams.SayAsync("stop");
        var teamsPain = teams.Transcript[^1];
        var card = SentCards.Adaptive(teamsPain)!;
        Assert.Null(teamsPain.SuggestedActions);
        var input = card.SelectTokens("$..[?(@.type == 'Input.ChoiceSet')]").Single();
        Assert.Equal(11, ((JArray)input["choices"]!).Count);
        Assert.Single((JArray)card["actions"]!);

        // Teams posts the picked value next to the button's data.
        var value = (JObject)card["actions"]![0]!["data"]!.DeepClone();
        value[(string)input["id"]!] = "2";
        var answer = await teams.SendAsync(new Activity(ActivityTypes.Message) { Value = value, From = new ChannelAccount("user"), Recipient = new ChannelAccount("bot"), Conversation = new ConversationAccount(id: teams.Conversation.Conversation.Id), ChannelId = ChannelIds.Msteams });
        Assert.Contains("4 before, 2 now", BotConversation.Join(answer));
    }

    [Fact]
    public async Task After_help_a_result_cancel_and_the_routines_end_there_are_buttons_for_what_comes_next()
    {
        var idle = Conversation();
        var help = (await idle.SayAsync("help"))[^1];
        Assert.Equal([Language.Text["button.startCheck"]], help.SuggestedActions.Actions.Select(a => a.Title));

        var urgent = Conversation();
        var driver = new TriageDriver(urgent);
        await driver.RunAsync(new() { [Q.Fever] = "yes" });
        Assert.Contains(Language.Text["button.summary"], driver.Final[^1].SuggestedActions.Actions.Select(a => a.Title));

        var cancelled = (await idle.SayAsync("cancel"))[^1];
        Assert.Equal([Language.Text["button.startOver"], Language.Text["button.summary"]], cancelled.SuggestedActions.Actions.Select(a => a.Title));

        var routine = Conversation();
        var first = await AtFirstPageAsync(routine);
        await WalkToTheEndAsync(routine, first);
        var end = (await routine.SayAsync("3"))[^1];
        Assert.Contains("before", end.Text);
        Assert.Contains(Language.Text["button.startOver"], end.SuggestedActions.Actions.Select(a => a.Title));
    }

    [Theory]
    [InlineData("emulator", "data")]
    [InlineData("webchat", "data")]
    [InlineData("msteams", "text and data")]
    [InlineData("msteams", "text and the messageBack's value")]
    public async Task A_tap_posted_over_http_as_the_channel_posts_it_is_read_like_the_typed_words(string channelId, string posted)
    {
        await using var host = await RunningHost.StartAsync();
        var person = new HttpConversation(host, Guid.NewGuid().ToString("N"), shape: a => a.Also(x => x["channelId"] = channelId).Also(x => x["conversation"]!["conversationType"] = "personal"));
        await person.RunTriageToSelfCareAsync();
        await person.SayAsync("yes");
        await person.SayAsync("yes, let's start");
        var card = SentCards.Adaptive(person.Replies[^1])!;
        var done = SentCards.Buttons(card).First(b => (string?)b["title"] == "Done");

        // Web Chat and the Emulator post the button's data as the value, with no text; Teams (messageBack) adds the
        // text, with the whole data or the messageBack's own value: each carries the step.
        var tap = Activities.Message("Done", person.ConversationId, channelId: channelId);
        if (posted == "data")
        {
            tap.Remove("text");
        }

        tap["value"] = (posted == "text and the messageBack's value" ? done["data"]!["msteams"]!["value"] : done["data"])!.DeepClone();
        tap["conversation"]!["conversationType"] = "personal";
        var replies = await host.ExpectRepliesAsync(tap);

        Assert.Contains("Step 1 of", HttpConversation.TextOf(replies[^1]));
    }
}
