using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Hosting;

/// <summary>
/// Shows "typing" in Teams, Web Chat and the Emulator while a reply takes longer than half a second, and every two
/// seconds after that until the turn ends. Only for messages answered over the channel: a turn with deliveryMode
/// expectReplies returns its replies in the response, where a typing indicator would show nothing. Unlike the
/// SDK's ShowTypingMiddleware, ending the wait throws nothing (that one throws and catches a cancellation on
/// every turn). A typing indicator that cannot be sent is dropped: it never fails the turn.
/// </summary>
/// <param name="logger">Where a failed indicator is noted (its exception type only).</param>
public sealed class TypingIndicator(ILogger<TypingIndicator> logger) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>How long a turn runs before the first indicator.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the indicator is sent again while the turn runs.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (activity.Type != ActivityTypes.Message || activity.DeliveryMode == DeliveryModes.ExpectReplies)
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        using var turnOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var typing = KeepTypingAsync(turnContext, turnOver.Token);
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await turnOver.CancelAsync().ConfigureAwait(false);
            await typing.ConfigureAwait(false);
        }
    }

    private async Task KeepTypingAsync(ITurnContext turnContext, CancellationToken turnOver)
    {
        var wait = Delay;
        while (true)
        {
            await Task.Delay(wait, turnOver).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (turnOver.IsCancellationRequested)
            {
                return;
            }

            var typing = new Activity { Type = ActivityTypes.Typing, RelatesTo = turnContext.Activity.RelatesTo };
            typing.ApplyConversationReference(turnContext.Activity.GetConversationReference());
            try
            {
                // Straight to the adapter, as the SDK's middleware does: not through the turn's send handlers.
                await turnContext.Adapter.SendActivitiesAsync(turnContext, [typing], turnOver).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (!turnOver.IsCancellationRequested)
                {
                    logger.TypingNotSent(ex.GetType().FullName);
                }

                return;
            }

            wait = Period;
        }
    }
}
