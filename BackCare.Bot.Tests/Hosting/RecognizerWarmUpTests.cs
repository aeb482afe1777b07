using BackCare.Bot.Hosting;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Tests.Hosting;

/// <summary>The recognisers are warmed after the first turn, or a few seconds after the start, not beside the first turn.</summary>
public class RecognizerWarmUpTests
{
    [Fact]
    public async Task The_warm_up_starts_once_the_first_turn_is_answered_not_before()
    {
        var warmUp = new RecognizerWarmUp(Language.Replies, new TimersByHand());
        var startedDuringTurn = true;

        await warmUp.OnTurnAsync(Turn(), _ =>
        {
            startedDuringTurn = warmUp.Started;
            return Task.CompletedTask;
        });

        Assert.False(startedDuringTurn);
        Assert.True(warmUp.Started);
    }

    [Fact]
    public async Task A_failed_first_turn_starts_it_too()
    {
        var warmUp = new RecognizerWarmUp(Language.Replies, new TimersByHand());

        await Assert.ThrowsAsync<InvalidOperationException>(() => warmUp.OnTurnAsync(Turn(), _ => throw new InvalidOperationException("turn failed")));

        Assert.True(warmUp.Started);
    }

    [Fact]
    public void Without_a_turn_it_starts_when_the_latest_start_comes()
    {
        var timers = new TimersByHand();
        var warmUp = new RecognizerWarmUp(Language.Replies, timers);

        warmUp.StartLatestAfterDelay();
        Assert.False(warmUp.Started);
        Assert.Equal(RecognizerWarmUp.LatestAfterStart, Assert.Single(timers.Due));

        timers.FireAll();
        Assert.True(warmUp.Started);
    }

    private static TurnContext Turn() => new(new TestAdapter(), new Activity(ActivityTypes.Message) { Text = "hi", ChannelId = "test", Conversation = new ConversationAccount { Id = "c" } });

    /// <summary>A clock whose timers fire only when the test says so.</summary>
    private sealed class TimersByHand : TimeProvider
    {
        private readonly List<(TimerCallback Callback, object? State)> _timers = [];

        public List<TimeSpan> Due { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _timers.Add((callback, state));
            Due.Add(dueTime);
            return new NoTimer();
        }

        public void FireAll()
        {
            foreach (var (callback, state) in _timers.ToList())
            {
                callback(state);
            }
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
