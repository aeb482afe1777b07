using Microsoft.Bot.Builder;

namespace BackCare.Bot.Storage;

/// <summary>Runs the turns of one conversation one after another (see <see cref="ITurnLock"/>).</summary>
/// <param name="turnLock">The lock.</param>
public sealed class SerializedTurnsMiddleware(ITurnLock turnLock) : Microsoft.Bot.Builder.IMiddleware
{
    /// <inheritdoc/>
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        var key = $"{activity.ChannelId}/{activity.Conversation?.Id}";
        await using (await turnLock.AcquireAsync(key, cancellationToken).ConfigureAwait(false))
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
    }
}
