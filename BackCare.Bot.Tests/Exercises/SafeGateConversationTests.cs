using BackCare.Bot.Bots;
using BackCare.Bot.Exercises;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using Q = BackCare.Bot.Triage.QuestionId;

namespace BackCare.Bot.Tests.Exercises;

/// <summary>The safe gates over whole conversations, through the real bot.</summary>
public class SafeGateConversationTests
{
    [Fact]
    public async Task A_58_year_old_with_osteoporosis_gets_walking_and_the_stretches_only_and_is_never_asked_about_the_gym()
    {
        var sut = new BotConversation();
        var advice = await new TriageDriver(sut).RunAsync(new() { [Q.Age] = "58", [Q.Osteoporosis] = "yes", [Q.RecentFall] = "no", [Q.Severity] = "2" });

        var plan = await sut.SayTextAsync("yes");

        Assert.Contains("when your doctor agrees", advice, StringComparison.Ordinal);
        Assert.Contains("once your doctor agrees", plan, StringComparison.Ordinal);
        Assert.Contains("Walking", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("access to a gym", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Superman", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Rack pull", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_66_year_old_with_low_pain_gets_the_easier_superman_and_no_gym_question()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Age] = "66", [Q.Severity] = "2" });

        var plan = await sut.SayTextAsync("yes");

        Assert.Contains("Easier superman (one arm or one leg) (strength)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("6. Superman", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("access to a gym", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Rack pull", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_64_year_old_with_low_pain_is_asked_about_the_gym_and_has_the_full_superman()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Age] = "64", [Q.Severity] = "2" });

        var gym = await sut.SayTextAsync("yes");
        var plan = await sut.SayTextAsync("no");

        Assert.Contains("access to a gym", gym, StringComparison.Ordinal);
        Assert.Contains("6. Superman (strength)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nine_over_ten_that_nothing_eases_never_reaches_exercises_let_alone_lifts()
    {
        var sut = new BotConversation();
        var advice = await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "9 over 10", [Q.Rest] = "no, nothing eases it" });

        var replies = new List<string> { advice };
        foreach (var said in new[] { "yes", "yes", "yes, include them", "yes, let's start", "done" })
        {
            replies.Add(await sut.SayTextAsync(said));
        }

        var all = string.Join("\n", replies);
        Assert.Contains("today", advice, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Would you like to do a short, gentle routine now?", all, StringComparison.Ordinal);
        Assert.DoesNotContain("access to a gym", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Rack pull", all, StringComparison.Ordinal);
        Assert.DoesNotContain("**Exercise", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nine_out_of_ten_that_eases_with_rest_gets_the_stretches_but_no_strength_work_and_no_gym_question()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "9 over 10" });

        var plan = await sut.SayTextAsync("yes");

        Assert.Contains("Cat-cow", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("access to a gym", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Bird dog", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("uperman", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_has_not_lifted_before_gets_no_lifts_and_is_not_asked_again_next_time()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "2" });
        await sut.SayAsync("yes");

        var lifted = await sut.SayTextAsync("yes");
        var plan = await sut.SayTextAsync("no");

        Assert.Contains("lifted weights before", lifted, StringComparison.Ordinal);
        Assert.Contains("leave the gym lifts out", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Rack pull", plan, StringComparison.Ordinal);
        Assert.Contains("Shall we start?", plan, StringComparison.Ordinal);

        var later = sut.LaterConversationOfTheSamePerson();
        await new TriageDriver(later).RunAsync(new() { [Q.Severity] = "2" });
        await later.SayAsync("yes");
        var again = await later.SayTextAsync("yes");
        Assert.DoesNotContain("lifted weights before", again, StringComparison.Ordinal);
        Assert.Contains("Shall we start?", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_highest_pain_reported_in_the_conversation_gates_the_next_routine()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "2" });
        await sut.SayAsync("yes");
        await sut.SayAsync("no");
        await sut.SayAsync("yes, let's start");
        await sut.SayAsync("stop");
        await sut.SayAsync("8");

        await new TriageDriver(sut).ContinueAsync(new() { [Q.Severity] = "2" }, await sut.SayAsync("start over"));
        var plan = await sut.SayTextAsync("yes");

        Assert.DoesNotContain("access to a gym", plan, StringComparison.Ordinal);
        Assert.Contains("Cat-cow", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Bird dog", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("uperman", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_routine_left_unfinished_that_todays_gates_would_not_offer_is_planned_afresh_instead_of_carried_on()
    {
        var first = new BotConversation();
        await new TriageDriver(first).RunAsync(new() { [Q.Age] = "66", [Q.Severity] = "2" });
        await first.SayAsync("yes");
        await first.SayAsync("yes, let's start");
        await first.SayAsync("skip");

        // As if saved before the gates: the full superman, for a 66-year-old.
        var key = PersonalData.UserKey(first.Conversation.ChannelId, first.Conversation.User.Id);
        var state = (IDictionary<string, object>)(await first.Storage.ReadAsync([key], CancellationToken.None))[key];
        var profile = (UserProfile)state[nameof(UserProfile)];
        var saved = profile.UnfinishedRoutine!;
        var old = new RoutineProgress(new Routine(["breathing", "cat-cow", "superman", "walking"], 5, false)) { Exercise = 1, PainBefore = 2 };
        profile.KeepUnfinishedRoutine(new UnfinishedRoutine(old, saved.Answers, saved.Outcome, saved.SavedAt));
        await first.Storage.WriteAsync(new Dictionary<string, object> { [key] = state }, CancellationToken.None);

        var later = first.LaterConversationOfTheSamePerson();
        await later.SayAsync("hi");
        await later.SayAsync("yes");
        var reply = await later.SayTextAsync("no, nothing new");

        Assert.Contains(Language.Text["carryOnReplanned"], reply, StringComparison.Ordinal);
        Assert.Contains("Easier superman (one arm or one leg)", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(". Superman (strength)", reply, StringComparison.Ordinal);
        Assert.Contains("Shall we start?", reply, StringComparison.Ordinal);
    }
}
