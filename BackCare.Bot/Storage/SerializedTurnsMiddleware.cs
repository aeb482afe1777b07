using Microsoft.Bot.Builder;

namespace BackCare.Bot.Storage;

/// <summary>Runs the turns of one conversation one after another (see <see cref="ITurnLock"/>).</summary>
/// <param name="turnLock">The lock.</param>
public sealed class SerializedTurnsMiddleware(ITurnLock turnLock) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>The lock key of a conversation.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="conversationId">The conversation id.</param>
    /// <returns>The key.</returns>
    public static string KeyFor(string? channelId, string? conversationId) => $"{channelId}/{conversationId}";

    /// <inheritdoc/>
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        var key = KeyFor(activity.ChannelId, activity.Conversation?.Id);
        await using (await turnLock.AcquireAsync(key, cancellationToken).ConfigureAwait(false))
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
    }
}
