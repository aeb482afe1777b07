using BackCare.Bot.Bots;
using BackCare.Bot.Progress;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Q = BackCare.Bot.Triage.QuestionId;

namespace BackCare.Bot.Tests.Progress;

/// <summary>Progress over days, through the real bot: a session a day on simulated days (a manual clock).</summary>
public class ProgressConversationTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    /// <summary>One day's conversation: the triage at this pain, the whole routine, and the pain after. Returns the replies to the score after.</summary>
    private static async Task<(BotConversation Conversation, List<Activity> End, string Walk)> SessionAsync(BotConversation conversation, int pain, int after)
    {
        await new TriageDriver(conversation).RunAsync(new() { [Q.Severity] = pain.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var reply = await conversation.SayTextAsync("yes");
        if (reply.Contains("access to a gym", StringComparison.Ordinal))
        {
            reply = await conversation.SayTextAsync("no");
        }

        Assert.Contains("Shall we start?", reply, StringComparison.Ordinal);
        var walk = new List<string> { reply, await conversation.SayTextAsync("yes, let's start") };
        for (var turn = 0; turn < 80 && !walk[^1].Contains("How is your back now", StringComparison.Ordinal); turn++)
        {
            walk.Add(await conversation.SayTextAsync("done"));
        }

        var end = await conversation.SayAsync(after.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (conversation, end, string.Join("\n", walk));
    }

    private static async Task<(List<Activity> End, string Walk, BotConversation Last)> DaysAsync(ManualClock clock, params (int Pain, int After)[] days)
    {
        var conversation = new BotConversation(clock: clock);
        (BotConversation Conversation, List<Activity> End, string Walk)? last = null;
        for (var i = 0; i < days.Length; i++)
        {
            if (i > 0)
            {
                clock.Advance(TimeSpan.FromDays(1));
                conversation = conversation.LaterConversationOfTheSamePerson();
            }

            last = await SessionAsync(conversation, days[i].Pain, days[i].After);
        }

        return (last!.Value.End, last.Value.Walk, last.Value.Conversation);
    }

    private static Png ChartOf(IEnumerable<Activity> replies)
    {
        var attachment = Assert.Single(replies.SelectMany(r => r.Attachments ?? []), a => a.ContentType == "image/png");
        Assert.StartsWith("data:image/png;base64,", attachment.ContentUrl, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(attachment.Name));
        return Png.Read(Convert.FromBase64String(attachment.ContentUrl["data:image/png;base64,".Length..]));
    }

    private static async Task<UserProfile> ProfileAsync(BotConversation sut)
    {
        var key = PersonalData.UserKey(sut.Conversation.ChannelId, sut.Conversation.User.Id);
        var items = await sut.Storage.ReadAsync([key]);
        var state = (IDictionary<string, object>)items[key];
        return (UserProfile)state[nameof(UserProfile)];
    }

    [Fact]
    public async Task Three_days_of_steady_low_pain_show_the_trend_and_chart_and_the_fourth_routine_builds_up()
    {
        var clock = new ManualClock(Day1);

        var (end, _, last) = await DaysAsync(clock, (2, 2), (2, 2), (2, 2));

        var text = BotConversation.Join(end);
        Assert.Contains(Language.Text.Format("progress.steady", ("last", 2), ("count", 3)), text, StringComparison.Ordinal);
        Assert.Contains(Language.Text["progress.next.up"], text, StringComparison.Ordinal);
        var png = ChartOf(end);
        Assert.Equal((PainChart.Width, PainChart.Height), (png.Width, png.Height));
        var sessions = (await ProfileAsync(last)).Sessions;
        Assert.Equal([Day1, Day1.AddDays(1), Day1.AddDays(2)], sessions.Select(s => s.Date));
        Assert.All(sessions, s => Assert.True(PainChartTests.ColourNear(png, PainChartTests.PixelOf(sessions, s.Date, 2), PainChart.AfterColor)));
        Assert.All(sessions, s => Assert.Contains("superman", s.Done));

        clock.Advance(TimeSpan.FromDays(1));
        var fourth = last.LaterConversationOfTheSamePerson();
        await new TriageDriver(fourth).RunAsync(new() { [Q.Severity] = "2" });
        await fourth.SayAsync("yes");
        var plan = await fourth.SayTextAsync("no");
        var walk = new List<string> { await fourth.SayTextAsync("yes, let's start") };
        for (var turn = 0; turn < 80 && !walk[^1].Contains("How is your back now", StringComparison.Ordinal); turn++)
        {
            walk.Add(await fourth.SayTextAsync("done"));
        }

        var all = string.Join("\n", walk);
        Assert.Contains(Language.Text["plan.builtUp"].Trim(), plan, StringComparison.Ordinal);
        Assert.Contains("Set 2 of 4", all, StringComparison.Ordinal);
        Assert.Contains("Do 10 on each side, with the full reach", all, StringComparison.Ordinal);
        Assert.Contains("Repeat 8 times, holding each lift for up to 5 seconds, resting briefly", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_progress_advises_a_doctor_a_self_care_result_offers_only_walking_and_the_stretches_once_the_doctor_agrees()
    {
        var clock = new ManualClock(Day1);
        var (end, _, last) = await DaysAsync(clock, (2, 2), (3, 3), (4, 4));
        Assert.Contains(Language.Text["progress.doctor.RisingOverThreeSessions"], BotConversation.Join(end), StringComparison.Ordinal);

        // Low pain today: on its own the triage is self-care, and a gym lift could pass every other gate.
        clock.Advance(TimeSpan.FromDays(1));
        var fourth = last.LaterConversationOfTheSamePerson();
        await new TriageDriver(fourth).RunAsync(new() { [Q.Severity] = "2" });
        var plan = await fourth.SayTextAsync("yes");

        Assert.DoesNotContain(Language.Text["gymQuestion"], plan, StringComparison.Ordinal);
        Assert.Contains(Language.Text["plan.onceDoctorAgrees"], plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Superman", plan, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Bird dog", plan, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("(strength)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pain_rising_over_three_days_eases_the_routine_and_advises_a_doctor_with_the_reason()
    {
        var clock = new ManualClock(Day1);

        var (end, walk, _) = await DaysAsync(clock, (2, 2), (3, 3), (4, 4));

        var text = BotConversation.Join(end);
        Assert.Contains(Language.Text.Format("progress.rising", ("first", 2), ("last", 4), ("count", 3)), text, StringComparison.Ordinal);
        Assert.Contains(Language.Text["progress.next.down"], text, StringComparison.Ordinal);
        Assert.Contains(Language.Text["progress.doctor.RisingOverThreeSessions"], text, StringComparison.Ordinal);
        Assert.Contains(Language.Text["plan.eased"].Trim(), walk, StringComparison.Ordinal);
        Assert.Contains("Easier superman", walk, StringComparison.Ordinal);
        var png = ChartOf(end);
        Assert.Equal(PainChart.Width, png.Width);
    }

    [Fact]
    public async Task No_better_after_four_weeks_of_sessions_advises_a_doctor_with_the_reason()
    {
        var clock = new ManualClock(Day1);
        var first = new BotConversation(clock: clock);
        await SessionAsync(first, 3, 3);
        clock.Advance(TimeSpan.FromDays(28));

        var (_, end, _) = await SessionAsync(first.LaterConversationOfTheSamePerson(), 3, 3);

        var text = BotConversation.Join(end);
        Assert.Contains(Language.Text["progress.doctor.NoBetterAfterFourWeeks"], text, StringComparison.Ordinal);
        Assert.Contains(Language.Text["progress.next.same"], text, StringComparison.Ordinal);
        Assert.DoesNotContain(Language.Text["progress.next.up"], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_progress_command_shows_the_trend_at_any_turn_outside_the_questions_and_nothing_before_a_session()
    {
        var clock = new ManualClock(Day1);
        var first = new BotConversation(clock: clock);

        var none = await first.SayTextAsync("progress");
        await SessionAsync(first, 3, 2);
        clock.Advance(TimeSpan.FromDays(1));
        var later = first.LaterConversationOfTheSamePerson();
        await SessionAsync(later, 2, 1);
        var shown = await later.SayAsync("how am i doing?");

        Assert.Contains(Language.Text["progress.none"], none, StringComparison.Ordinal);
        Assert.Contains(Language.Text.Format("progress.falling", ("first", 3), ("last", 2), ("count", 2)), BotConversation.Join(shown), StringComparison.Ordinal);
        Assert.Equal(PainChart.Height, ChartOf(shown).Height);
    }

    [Fact]
    public async Task During_the_triage_questions_progress_is_not_taken_as_a_command()
    {
        var sut = new BotConversation();
        var question = await sut.SayAsync("hi");

        var reply = await sut.SayTextAsync("progress");

        Assert.NotNull(sut.QuestionAsked(question));
        Assert.DoesNotContain(Language.Text["progress.none"], reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task During_the_routine_progress_shows_and_the_step_is_asked_again()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "4" });
        await sut.SayAsync("yes");
        var step = await sut.SayTextAsync("yes, let's start");

        var reply = await sut.SayTextAsync("progress");

        Assert.Contains(Language.Text["progress.none"], reply, StringComparison.Ordinal);
        Assert.EndsWith(step, reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_my_data_removes_the_recorded_sessions()
    {
        var sut = new BotConversation();
        await SessionAsync(sut, 3, 2);
        Assert.Single((await ProfileAsync(sut)).Sessions);

        await sut.SayAsync("delete my data");

        var key = PersonalData.UserKey(sut.Conversation.ChannelId, sut.Conversation.User.Id);
        Assert.Empty(await sut.Storage.ReadAsync([key]));
        var later = sut.LaterConversationOfTheSamePerson();
        Assert.Contains(Language.Text["progress.none"], await later.SayTextAsync("progress"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_stored_before_sessions_were_kept_still_loads_with_none()
    {
        var storage = new MemoryStorage();
        var sut = new BotConversation(storage);
        var key = PersonalData.UserKey(sut.Conversation.ChannelId, sut.Conversation.User.Id);
        var old = StateJson.Deserialize("""{"$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Object, System.Private.CoreLib]], System.Private.CoreLib","UserProfile":{"$type":"BackCare.Bot.Bots.UserProfile, BackCare.Bot","UnfinishedRoutine":null}}""")!;
        await storage.WriteAsync(new Dictionary<string, object> { [key] = old }, CancellationToken.None);

        var reply = await sut.SayTextAsync("progress");

        Assert.Contains(Language.Text["progress.none"], reply, StringComparison.Ordinal);
        Assert.Empty((await ProfileAsync(sut)).Sessions);
    }
}
