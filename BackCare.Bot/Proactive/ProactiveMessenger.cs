using BackCare.Bot.DirectLine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Proactive;

/// <summary>
/// Sends a message nobody asked for just now (a timer's "time's up", a daily reminder) into a stored
/// conversation: the adapter continues the conversation with the bot's app id (empty in local mode, where the
/// channel takes replies without a token), through the same middleware as a turn, so the conversation's turn
/// lock keeps it from crossing a message being handled. A Web Chat conversation of this host's own offline
/// Direct Line (in memory, or loaded again from the store after a restart) gets it in its transcript directly,
/// where the page polls for it; everything else goes to the
/// conversation's serviceUrl (the Emulator, Azure Direct Line, Teams: those need the app's credentials).
/// </summary>
/// <param name="configuration">The configuration, for MicrosoftAppId.</param>
/// <param name="offline">The offline Direct Line, for Web Chat in local mode.</param>
public sealed class ProactiveMessenger(IConfiguration configuration, OfflineDirectLine offline)
{
    /// <summary>Gets the bot's app id, as the adapter needs it to continue a conversation (empty in local mode).</summary>
    public string AppId => configuration["MicrosoftAppId"] ?? string.Empty;

    /// <summary>Continues a conversation: <paramref name="logic"/> runs as a turn of it and may send messages.</summary>
    /// <param name="adapter">The adapter (the host's, or the one that ran the turn that stored the reference).</param>
    /// <param name="reference">The stored conversation reference.</param>
    /// <param name="logic">What to do in the conversation.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public Task ContinueAsync(BotAdapter adapter, ConversationReference reference, BotCallbackHandler logic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(logic);
        return adapter.ContinueConversationAsync(AppId, reference, async (turnContext, ct) =>
        {
            var conversationId = turnContext.Activity.Conversation?.Id ?? string.Empty;

            // Kept by this host's offline Direct Line, in memory or in the store (after a restart, or once it left
            // memory): this host is the Direct Line service, and the message goes straight into the transcript the
            // page reads. Only a conversation that is gone or ended goes to the serviceUrl.
            if (turnContext.Activity.ChannelId == Channels.Webchat && await offline.OpenAsync(conversationId, ct).ConfigureAwait(false))
            {
                turnContext.OnSendActivities(async (context, activities, next) =>
                {
                    var delivered = activities.Where(a => a.Type != ActivityTypes.Typing).ToList();
                    foreach (var activity in delivered)
                    {
                        activity.From = new ChannelAccount("backcare", "BackCare", RoleTypes.Bot);
                        activity.Recipient = reference.User;
                        activity.ChannelId = Channels.Webchat;
                        activity.Timestamp = DateTimeOffset.UtcNow;
                    }

                    await offline.DeliverAsync(conversationId, delivered, CancellationToken.None).ConfigureAwait(false);
                    return delivered.Select(a => new ResourceResponse(a.Id)).ToArray();
                });
            }

            await logic(turnContext, ct).ConfigureAwait(false);
        }, cancellationToken);
    }
}
