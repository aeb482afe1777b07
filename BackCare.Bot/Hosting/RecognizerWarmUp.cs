using BackCare.Bot.Understanding;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Hosting;

/// <summary>
/// Builds the recognisers' large regexes (number, date and time, choices) off the request path, once: when the
/// first turn after the start has been answered, or <see cref="LatestAfterStart"/> after the start, whichever
/// comes first. The first turn (a greeting, as a rule) needs none of them, and on two cores a warm-up running
/// beside it made it wait (benchmark: about 2.3 s to the first reply with the warm-up at the start, 1.5 s
/// without). A turn that needs a recogniser before the warm-up has built it builds it itself, as before.
/// </summary>
/// <param name="replies">The reply reader, whose recognisers are warmed.</param>
/// <param name="clock">The clock, for the latest start.</param>
public sealed class RecognizerWarmUp(ReplyReader replies, TimeProvider clock) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>The warm-up starts at the latest this long after the host has started, with or without a turn.</summary>
    public static readonly TimeSpan LatestAfterStart = TimeSpan.FromSeconds(5);

    private int _started;
    private Task _completion = Task.CompletedTask;

    /// <summary>Whether the warm-up has been started.</summary>
    public bool Started => Volatile.Read(ref _started) == 1;

    /// <summary>Gets the warm-up once started: completed when it is over (or when it has not started).</summary>
    public Task Completion => Volatile.Read(ref _completion);

    /// <summary>Starts the warm-up at the latest <see cref="LatestAfterStart"/> from now.</summary>
    public void StartLatestAfterDelay()
        => _ = Task.Delay(LatestAfterStart, clock).ContinueWith(_ => Start(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Starts the warm-up in the background, unless it has been started already.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        Volatile.Write(ref _completion, Task.Run(
            () =>
            {
                replies.WarmUp();
                BackCare.Dialogs.Choices.ChoiceRecognizers.RecognizeChoice("the second one", [new("a"), new("b")]);
            },
            CancellationToken.None));
    }

    /// <inheritdoc/>
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Start();
        }
    }
}
