using BackCare.Bot.Bots;
using BackCare.Bot.Dialogs;
using BackCare.Bot.Exercises;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Q = BackCare.Bot.Triage.QuestionId;

namespace BackCare.Bot.Tests.Dialogs;

public class RoutineConversationTests
{
    private static async Task<BotConversation> AtFirstExerciseAsync(int pain = 4, BotConversation? sut = null)
    {
        sut ??= new BotConversation();
        var advice = await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = pain.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("Would you like to do a short, gentle routine now?", advice);
        var plan = await sut.SayTextAsync("yes please");
        Assert.Contains("Shall we start?", plan);
        var first = await sut.SayTextAsync("yes, let's start");
        Assert.Contains("**Exercise 1 of", first);
        return sut;
    }

    [Fact]
    public async Task The_plan_says_what_how_many_and_about_how_long()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "4" });

        var plan = await sut.SayTextAsync("yes");

        Assert.Contains("It has 7 parts and takes about", plan);
        Assert.Contains("1. Slow breathing (warm-up)", plan);
        Assert.Contains("6. Superman (strength)", plan);
        Assert.Contains("it hurts", plan);
    }

    [Fact]
    public async Task A_whole_routine_walks_every_step_and_compares_the_pain_at_the_end()
    {
        var sut = await AtFirstExerciseAsync(pain: 4);
        var seen = new List<string>();

        string reply;
        var turns = 0;
        do
        {
            reply = await sut.SayTextAsync("done");
            seen.Add(reply);
        }
        while (!reply.Contains("How is your back now", StringComparison.Ordinal) && ++turns < 60);
        var end = await sut.SayTextAsync("2");

        Assert.Contains(seen, r => r.Contains("**Exercise 5 of 7: Bird dog**") && r.Contains("Set 2 of 3"));
        Assert.Contains(seen, r => r.Contains("**Exercise 7 of 7: Walking**"));
        Assert.Contains("That's the whole routine done", reply);
        Assert.Contains("4 before, 2 now.", end);
        Assert.Contains("lower than when we started", end);
        var data = await ReadConversationDataAsync(sut);
        Assert.Equal((4, 2), (data.Routine!.PainBefore, data.Routine.PainAfter));
    }

    [Fact]
    public async Task Repeat_says_the_same_step_again()
    {
        var sut = await AtFirstExerciseAsync();
        var step = await sut.SayTextAsync("next");

        var again = await sut.SayTextAsync("repeat");

        Assert.Contains("Step 1 of 2", step);
        Assert.Equal(step, again);
    }

    [Fact]
    public async Task Skip_moves_to_the_next_exercise()
    {
        var sut = await AtFirstExerciseAsync();

        var reply = await sut.SayTextAsync("skip");

        Assert.Contains("**Exercise 2 of 7: Cat-cow**", reply);
        Assert.Contains("What it's for", reply);
    }

    [Fact]
    public async Task Back_returns_to_the_previous_step()
    {
        var sut = await AtFirstExerciseAsync();
        await sut.SayAsync("done");
        await sut.SayAsync("done");

        var reply = await sut.SayTextAsync("back");

        Assert.Contains("Step 1 of 2", reply);
    }

    [Fact]
    public async Task Stop_ends_the_routine_with_the_pain_check()
    {
        var sut = await AtFirstExerciseAsync(pain: 5);
        await sut.SayAsync("skip");

        var stopped = await sut.SayTextAsync("stop");
        var end = await sut.SayTextAsync("seven");

        Assert.Contains("we'll stop here", stopped);
        Assert.Contains("How is your back now", stopped);
        Assert.Contains("5 before, 7 now.", end);
        Assert.Contains("higher than when we started", end);
    }

    [Fact]
    public async Task It_hurts_ends_the_routine_with_advice_and_offers_to_check_the_symptoms_again()
    {
        var sut = await AtFirstExerciseAsync();
        await sut.SayAsync("skip");

        var hurt = await sut.SayTextAsync("ouch, it hurts");
        var recheck = await sut.SayAsync("yes");

        Assert.Contains("Let's stop the exercises now", hurt);
        Assert.Contains("go through the symptom questions again", hurt);
        Assert.Equal(Q.EmergencyScreen, sut.QuestionAsked(recheck));
    }

    [Fact]
    public async Task Pause_waits_and_continue_picks_up_at_the_same_step()
    {
        var sut = await AtFirstExerciseAsync();
        var step = await sut.SayTextAsync("done");

        var paused = await sut.SayTextAsync("pause");
        var stillPaused = await sut.SayTextAsync("hello?");
        var resumed = await sut.SayTextAsync("continue");

        Assert.Contains("Paused at exercise 1 of 7 (Slow breathing), step 1", paused);
        Assert.Contains("Paused at", stillPaused);
        Assert.Contains("Welcome back", resumed);
        Assert.EndsWith(step, resumed);
    }

    [Fact]
    public async Task After_a_restart_the_routine_resumes_at_the_same_exercise_and_step()
    {
        var before = await AtFirstExerciseAsync();
        await before.SayAsync("skip");
        await before.SayAsync("done");
        var where = await before.SayTextAsync("done");
        Assert.Contains("**Exercise 2 of 7: Cat-cow**", where);
        Assert.Contains("Step 2 of 3", where);

        // New services, dialogs and adapter: only the store, written out as JSON text and read back, carries over.
        var reloaded = StoredJson.ThroughJsonText(before.Storage, out _);
        var after = new BotConversation(reloaded, conversation: before.Conversation);
        var back = await after.SayTextAsync("is anyone there");
        var next = await after.SayTextAsync("done");

        Assert.Contains("We're at exercise 2 of 7 (Cat-cow), step 2", back);
        Assert.Contains("Step 2 of 3", back);
        Assert.Contains("Step 3 of 3", next);
    }

    [Fact]
    public async Task In_a_new_conversation_the_same_person_is_offered_to_carry_on_after_a_safety_question()
    {
        var first = await AtFirstExerciseAsync();
        await first.SayAsync("skip");
        await first.SayAsync("done");

        var later = first.LaterConversationOfTheSamePerson();
        var offer = await later.SayTextAsync("hi");
        var check = await later.SayAsync("yes please");
        var page = await later.SayTextAsync("no, nothing new");

        Assert.Contains("Last time you stopped partway through your routine, at exercise 2 of 7 (Cat-cow), step 1", offer);
        Assert.Equal(["Yes", "No", "Not sure"], check[^1].SuggestedActions.Actions.Select(a => a.Title));
        Assert.Contains("**Exercise 2 of 7: Cat-cow**", page);
        Assert.Contains("Step 1 of 3", page);
    }

    [Fact]
    public async Task After_an_update_that_goes_back_to_a_safe_point_mid_routine_the_person_is_offered_to_carry_on_in_the_same_conversation()
    {
        var sut = await AtFirstExerciseAsync();
        await sut.SayAsync("skip");
        await sut.SayAsync("done");

        // As after a deploy that changed the main flow: the stored stack's version no longer matches.
        var key = BackCare.Bot.Storage.PersonalData.ConversationKey(sut.Conversation.ChannelId, sut.Conversation.Conversation.Id);
        var state = (IDictionary<string, object>)(await sut.Storage.ReadAsync([key], CancellationToken.None))[key];
        ((BackCare.Dialogs.DialogState)state[nameof(BackCare.Dialogs.DialogState)]).DialogStack[0].Version = "an older version";
        await sut.Storage.WriteAsync(new Dictionary<string, object> { [key] = state }, CancellationToken.None);

        var offer = await sut.SayTextAsync("hello?");
        await sut.SayAsync("yes");
        var page = await sut.SayTextAsync("no, nothing new");

        Assert.Contains(sut.Content.Phrase("flowUpdated"), offer);
        Assert.Contains("at exercise 2 of 7 (Cat-cow), step 1", offer);
        Assert.Contains("**Exercise 2 of 7: Cat-cow**", page);
        Assert.Contains("Step 1 of 3", page);
    }

    [Theory]
    [InlineData("yes, it's worse")]
    [InlineData("not sure")]
    public async Task Carrying_on_after_a_change_in_symptoms_checks_them_again_first(string changed)
    {
        var first = await AtFirstExerciseAsync();
        var later = first.LaterConversationOfTheSamePerson();
        await later.SayAsync("hi");
        await later.SayAsync("yes");

        var reply = await later.SayAsync(changed);

        Assert.Contains("check your symptoms again", BotConversation.Join(reply));
        Assert.Equal(Q.EmergencyScreen, later.QuestionAsked(reply));
    }

    [Fact]
    public async Task After_an_emergency_sign_no_later_conversation_offers_the_routine()
    {
        var first = await AtFirstExerciseAsync();
        await first.SayAsync("I can't feel between my legs");

        var later = first.LaterConversationOfTheSamePerson();
        var reply = await later.SayAsync("hi");

        Assert.DoesNotContain("carry on", BotConversation.Join(reply));
        Assert.Equal(Q.EmergencyScreen, later.QuestionAsked(reply));
    }

    [Fact]
    public async Task A_finished_routine_is_not_offered_again()
    {
        var first = await AtFirstExerciseAsync();
        await first.SayAsync("stop");
        await first.SayAsync("3");

        var later = first.LaterConversationOfTheSamePerson();
        var reply = await later.SayAsync("hi");

        Assert.Equal(Q.EmergencyScreen, later.QuestionAsked(reply));
    }

    [Fact]
    public async Task Each_step_is_the_same_card_in_every_channel_with_its_commands_stop_kept_and_it_hurts_destructive()
    {
        var web = await AtFirstExerciseAsync();
        var webStep = (await web.SayAsync("done"))[^1];

        var teams = new BotConversation(channelId: Microsoft.Bot.Connector.Channels.Msteams);
        await new TriageDriver(teams).RunAsync(new() { [Q.Severity] = "4" });
        await teams.SayAsync("yes");
        await teams.SayAsync("yes, let's start");
        var teamsStep = (await teams.SayAsync("done"))[^1];

        foreach (var step in new[] { webStep, teamsStep })
        {
            Assert.Null(step.SuggestedActions);
            var card = SentCards.Adaptive(step)!;
            Assert.Equal(RoutineDialog.StepButtons.Select(b => Language.Text[b]).Order(), SentCards.SubmitTitles(card).Order());
            var actions = (Newtonsoft.Json.Linq.JArray)card["actions"]!;
            Assert.InRange(actions.Count, 1, 5);
            Assert.Contains(actions, a => (string?)a["title"] == Language.Text["button.stop"]);
            Assert.Equal("destructive", (string?)actions.Single(a => (string?)a["title"] == Language.Text["button.itHurts"])["style"]);
            Assert.Contains("Step 1 of 2", SentCards.Text(card));
            Assert.StartsWith("Exercise 1 of", step.Summary);
            Assert.DoesNotContain("*", step.Summary);
        }
    }

    [Fact]
    public async Task At_doctor_level_only_walking_and_the_stretches_are_offered_once_the_doctor_agrees()
    {
        var sut = new BotConversation();
        var advice = await new TriageDriver(sut).RunAsync(new() { [Q.Duration] = "2 months", [Q.Severity] = "3" });

        var plan = await sut.SayTextAsync("yes");

        Assert.Contains("when your doctor agrees", advice);
        Assert.Contains("once your doctor agrees", plan);
        Assert.Contains("It has 5 parts", plan);
        Assert.DoesNotContain("Superman", plan);
        Assert.Contains("5. Walking (walking)", plan);
    }

    [Fact]
    public async Task Loaded_lifts_are_asked_about_only_at_low_pain_and_added_on_opt_in()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "2" });

        var gym = await sut.SayTextAsync("yes");
        var lifted = await sut.SayTextAsync("yes");
        var optIn = await sut.SayTextAsync("yes");
        var plan = await sut.SayTextAsync("Yes, include them");

        Assert.Contains("access to a gym", gym);
        Assert.Contains("lifted weights before", lifted);
        Assert.Contains("15 times with ease", optIn);
        Assert.Contains("rack pull and a lat pulldown", optIn);
        Assert.Contains("Rack pull (gym lift)", plan);
        Assert.Contains("Lat pulldown (gym lift)", plan);
    }

    [Fact]
    public async Task A_message_after_everything_is_finished_does_not_restart_the_questions()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "5" });
        await sut.SayAsync("no thanks");

        var later = await sut.SayAsync("thanks!");
        var again = await sut.SayAsync("start over");

        Assert.Contains("Welcome back", BotConversation.Join(later));
        Assert.Null(sut.QuestionAsked(later));
        Assert.Equal(Q.EmergencyScreen, sut.QuestionAsked(again));
    }

    [Fact]
    public async Task No_thanks_to_the_routine_ends_kindly()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "5" });

        var reply = await sut.SayTextAsync("no thanks");

        Assert.Contains("No problem", reply);
    }

    [Fact]
    public async Task An_emergency_sign_during_the_routine_stops_it_for_good()
    {
        var sut = await AtFirstExerciseAsync();

        var reply = await sut.SayTextAsync("my legs have gone numb");
        var after = await sut.SayTextAsync("done");

        Assert.Contains("Emergency: please get help now", reply);
        Assert.DoesNotContain("Exercise", after);
        Assert.Contains("Emergency: please get help now", after);
    }

    private static async Task<ConversationData> ReadConversationDataAsync(BotConversation sut)
    {
        var state = sut.Services.GetRequiredService<ConversationState>();
        var accessor = state.CreateProperty<ConversationData>(nameof(ConversationData));
        var context = new TurnContext(new Microsoft.Bot.Builder.Adapters.TestAdapter(sut.Conversation), new Activity(ActivityTypes.Message) { ChannelId = sut.Conversation.ChannelId, Conversation = sut.Conversation.Conversation, From = sut.Conversation.User, Recipient = sut.Conversation.Bot });
        await state.LoadAsync(context, true);
        return await accessor.GetAsync(context, () => new ConversationData());
    }
}
