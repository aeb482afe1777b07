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
/// Direct Line gets it in its transcript directly, where the page polls for it; everything else goes to the
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
        return adapter.ContinueConversationAsync(AppId, reference, (turnContext, ct) =>
        {
            if (turnContext.Activity.ChannelId == Channels.Webchat && offline.Contains(turnContext.Activity.Conversation?.Id ?? string.Empty))
            {
                // This host is the Direct Line service: the message goes straight into the transcript the page reads.
                turnContext.OnSendActivities((context, activities, next) =>
                {
                    var delivered = activities.Where(a => a.Type != ActivityTypes.Typing).ToList();
                    foreach (var activity in delivered)
                    {
                        activity.From = new ChannelAccount("backcare", "BackCare", RoleTypes.Bot);
                        activity.Recipient = reference.User;
                        activity.ChannelId = Channels.Webchat;
                        activity.Timestamp = DateTimeOffset.UtcNow;
                    }

                    offline.Deliver(context.Activity.Conversation.Id, delivered);
                    return Task.FromResult(delivered.Select(a => new ResourceResponse(a.Id)).ToArray());
                });
            }

            return logic(turnContext, ct);
        }, cancellationToken);
    }
}
