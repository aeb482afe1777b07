using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Q = BackCare.Bot.Triage.QuestionId;

namespace BackCare.Bot.Tests.Storage;

/// <summary>
/// Every state the real bot stores in whole conversations (a doctor-level triage with its reasons, a routine left
/// partway, whole routines over two days, "progress") reads back the same with today's serializer, with the one of
/// the release before lists of one kind of item were written as plain arrays (a rollback), and when written by
/// that release (state stored before the deploy).
/// </summary>
public class StateRollbackTests
{
    [Fact]
    public async Task Every_state_written_in_whole_conversations_reads_back_the_same_now_after_a_rollback_and_from_before_the_deploy()
    {
        var storage = new RecordingStorage(new JsonMemoryStorage());
        var clock = new ManualClock(BotConversation.Today);

        // A triage with reasons to see a doctor, and one that leads to a routine the person leaves partway.
        var first = new BotConversation(storage, clock: clock);
        await new TriageDriver(first).RunAsync(new() { [Q.Fever] = "yes", [Q.WeightLoss] = "not sure", [Q.Severity] = "4" });
        var second = first.LaterConversationOfTheSamePerson();
        await RoutineAsync(second, finish: false);

        // The next day: the routine is offered again; then a whole routine, and the next day another, then "progress".
        clock.Advance(TimeSpan.FromDays(1));
        var third = second.LaterConversationOfTheSamePerson();
        await third.SayAsync("hi");
        await RoutineAsync(third.LaterConversationOfTheSamePerson(), finish: true);
        clock.Advance(TimeSpan.FromDays(1));
        var fourth = third.LaterConversationOfTheSamePerson();
        await RoutineAsync(fourth, finish: true);
        await fourth.SayAsync("progress");

        Assert.Contains(storage.Written, w => w.Json.Contains("\"Reasons\":[", StringComparison.Ordinal));
        Assert.Contains(storage.Written, w => w.Json.Contains("\"Sessions\":[", StringComparison.Ordinal));
        Assert.Contains(storage.Written, w => w.Json.Contains("UnfinishedRoutine", StringComparison.Ordinal));
        Assert.True(storage.Written.Count > 20, $"{storage.Written.Count} states written");
        foreach (var (key, json) in storage.Written)
        {
            var now = StateJson.Serialize(StateJson.Deserialize(json)!);
            var afterRollback = StateJson.Serialize(PreviousStateJson.Deserialize(json)!);
            var fromBefore = StateJson.Serialize(StateJson.Deserialize(PreviousStateJson.Serialize(StateJson.Deserialize(json)!))!);
            Assert.True(json == now, $"{key} read now: {json}\n{now}");
            Assert.True(json == afterRollback, $"{key} read after a rollback: {json}\n{afterRollback}");
            Assert.True(json == fromBefore, $"{key} written before the deploy: {json}\n{fromBefore}");
        }
    }

    private static async Task RoutineAsync(BotConversation conversation, bool finish)
    {
        await new TriageDriver(conversation).RunAsync(new() { [Q.Severity] = "3" });
        var reply = await conversation.SayTextAsync("yes");
        if (reply.Contains("access to a gym", StringComparison.Ordinal))
        {
            reply = await conversation.SayTextAsync("no");
        }

        Assert.Contains("Shall we start?", reply, StringComparison.Ordinal);
        var walk = await conversation.SayTextAsync("yes, let's start");
        if (!finish)
        {
            await conversation.SayTextAsync("done");
            await conversation.SayTextAsync("skip");
            await conversation.SayTextAsync("stop");
            return;
        }

        for (var turn = 0; turn < 80 && !walk.Contains("How is your back now", StringComparison.Ordinal); turn++)
        {
            walk = await conversation.SayTextAsync(turn % 3 == 1 ? "skip" : "done");
        }

        await conversation.SayAsync("2");
    }

    /// <summary>The store, noting every state written as the stores write it.</summary>
    private sealed class RecordingStorage(IStorage inner) : IStorage
    {
        public List<(string Key, string Json)> Written { get; } = [];

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) => inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        {
            lock (Written)
            {
                Written.AddRange(changes.Select(c => (c.Key, StateJson.Serialize(c.Value))));
            }

            return inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);
    }
}
