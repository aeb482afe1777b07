using System.Text.RegularExpressions;
using BackCare.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Bot.Tests.Storage;

/// <summary>
/// The in-memory "kept" state (DocumentState): objects shared in a turn between a conversation's state and its
/// person's user state must not stay shared across turns, or a later conversation of the same person could change
/// what an earlier conversation reads back, though the store never changed it (found in review, 2026-11-26).
/// </summary>
public partial class KeptStateTests
{
    [Fact]
    public async Task A_routine_carried_on_in_a_later_conversation_does_not_move_the_earlier_conversation_on()
        => await CarryOnAsync(await RunningHost.StartAsync());

    /// <summary>Control: the same conversation over a store without IStateDocuments (nothing kept in memory) passes.</summary>
    [Fact]
    public async Task Control_without_kept_state_the_earlier_conversation_stays_where_it_was()
        => await CarryOnAsync(await RunningHost.StartAsync(services: s => s.AddSingleton<Microsoft.Bot.Builder.IStorage>(new Microsoft.Bot.Builder.MemoryStorage())));

    private static async Task CarryOnAsync(RunningHost running)
    {
        await using var host = running;
        var person = "person-" + Guid.NewGuid().ToString("N");
        var first = new HttpConversation(host, "first-" + Guid.NewGuid().ToString("N"), person);
        await first.RunTriageToSelfCareAsync();
        Assert.Contains("Shall we start?", await first.SayAsync("yes please"), StringComparison.Ordinal);
        Assert.Contains("**Exercise 1 of", await first.SayAsync("yes, let's start"), StringComparison.Ordinal);
        await first.SayAsync("skip");
        var before = Where(await first.SayAsync("repeat"));

        // The same person, a new conversation on the same instance: carries the routine on and does two parts.
        var later = new HttpConversation(host, "later-" + Guid.NewGuid().ToString("N"), person);
        Assert.Contains("carry on", await later.SayAsync("hi"), StringComparison.OrdinalIgnoreCase);
        await later.SayAsync("yes please");
        Assert.Equal(before, Where(await later.SayAsync("no, nothing new")));
        await later.SayAsync("skip");
        var laterAt = Where(await later.SayAsync("skip"));
        Assert.NotEqual(before, laterAt);

        // The first conversation's stored state never changed: it is still where it was.
        var after = Where(await first.SayAsync("repeat"));
        Assert.Equal(before, after);
    }

    private static string Where(string reply)
        => ExercisePage().Match(reply) is { Success: true } found ? found.Value : "(no page) " + reply;

    [GeneratedRegex(@"\*\*Exercise \d+ of \d+: [^*]+\*\*")]
    private static partial Regex ExercisePage();
}
