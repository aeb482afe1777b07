using System.Runtime.CompilerServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace BackCare.Dialogs.Tests;

/// <summary>A finished turn's state (the person's state as read, the records) goes with the turn, not with the thread that ran it.</summary>
public class TurnRecordsRetentionTests
{
    [Fact]
    public void A_finished_turn_is_not_kept_alive_by_the_thread_that_ran_it()
    {
        WeakReference? turnState = null;
        using var ran = new ManualResetEventSlim();
        using var carryOn = new ManualResetEventSlim();

        // The thread lives on after the turn, as a pool thread does while it waits for the next one.
        var thread = new Thread(() =>
        {
            turnState = RunTurn();
            ran.Set();
            carryOn.Wait();
        });
        thread.Start();
        ran.Wait();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var alive = turnState!.IsAlive;
        carryOn.Set();
        thread.Join();

        Assert.False(alive, "the ended turn's TurnState (with what it read) is still reachable from the thread's memo");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RunTurn()
    {
        // Found in review: the thread's memo of the last records held the ended turn (and what it read).
        using var turn = new TurnContext(new TestAdapter(), new Activity(ActivityTypes.Message, text: "my leg is numb"));
        TurnRecords.Of(turn).Set(new object(), "{\"pain\":\"numb leg\"}");
        TurnRecords.End(turn); // what the adapter's EndOfTurn middleware does
        return new WeakReference(turn.TurnState);
    }

    [Fact]
    public async Task The_end_of_turn_middleware_ends_the_records_even_when_the_turn_fails()
    {
        var owner = new object();
        TurnRecords? records = null;
        var adapter = new TestAdapter().Use(new EndOfTurn());
        adapter.OnTurnError = (_, _) => Task.CompletedTask;

        await adapter.ProcessActivityAsync(new Activity(ActivityTypes.Message, text: "hi"), (turn, _) =>
        {
            records = TurnRecords.Of(turn);
            records.Set(owner, "read");
            throw new InvalidOperationException("the turn fails");
        });

        Assert.NotNull(records);
        Assert.False(records.TryGet<string>(owner, out _));
    }
}
