using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace BackCare.Dialogs.Tests;

/// <summary>Per-turn records: found again within the turn, from any thread; never another turn's.</summary>
public class TurnRecordsTests
{
    private static TurnContext NewTurn() => new(new TestAdapter(), new Activity(ActivityTypes.Message, text: "hi"));

    [Fact]
    public void A_record_is_the_turns_own_even_when_one_thread_moves_between_turns()
    {
        using var first = NewTurn();
        using var second = NewTurn();
        var owner = new object();

        TurnRecords.Of(first).Set(owner, "first");
        Assert.False(TurnRecords.Of(second).TryGet<string>(owner, out _));
        TurnRecords.Of(second).Set(owner, "second");

        Assert.True(TurnRecords.Of(first).TryGet<string>(owner, out var a));
        Assert.True(TurnRecords.Of(second).TryGet<string>(owner, out var b));
        Assert.Equal(("first", "second"), (a, b));
        Assert.True(TurnRecords.Of(first).Remove(owner));
        Assert.False(TurnRecords.Of(first).TryGet<string>(owner, out _));
        Assert.True(TurnRecords.Of(second).TryGet<string>(owner, out _));
    }

    [Fact]
    public async Task A_turn_continued_on_another_thread_finds_its_records()
    {
        using var turn = NewTurn();
        var owner = new object();
        TurnRecords.Of(turn).Set(owner, "mine");

        var found = await Task.Run(() => TurnRecords.Of(turn).TryGet<string>(owner, out var r) ? r : null);
        var added = await Task.Run(() => TurnRecords.Of(turn).GetOrAdd<List<int>>(owner: turn));

        Assert.Equal("mine", found);
        Assert.Same(added, TurnRecords.Of(turn).GetOrAdd<List<int>>(owner: turn));
    }
}
