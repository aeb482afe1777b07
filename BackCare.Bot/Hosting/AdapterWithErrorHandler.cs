using BackCare.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Hosting;

/// <summary>
/// The bot's adapter. When a turn fails it logs the failure (never what the user said), apologises in plain
/// words, and clears the conversation's state so the person is not stuck repeating the step that failed.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    public AdapterWithErrorHandler(BotFrameworkAuthentication auth, ILogger<AdapterWithErrorHandler> logger, ConversationState conversationState, SerializedTurnsMiddleware serializedTurns)
        : base(auth, logger)
    {
        // One turn per conversation at a time, so two messages sent together both take effect.
        Use(serializedTurns);

        // Teams and Web Chat show "typing" while a reply takes longer than half a second.
        Use(new ShowTypingMiddleware());

        OnTurnError = async (turnContext, exception) =>
        {
            // The exception's type and stack say where it failed; its message can quote input, so it is left out.
            logger.LogError(
                "Turn failed in channel {ChannelId} on a {ActivityType} activity: {ExceptionType}\n{StackTrace}",
                turnContext.Activity.ChannelId,
                turnContext.Activity.Type,
                exception.GetType().FullName,
                exception.StackTrace);

            try
            {
                await turnContext.SendActivityAsync(
                    "Sorry, something went wrong on my side. I've reset our conversation so we can start again: just send me a message. "
                    + "If you have any of the warning signs of a back emergency, don't wait for me: get medical help now.");
                await conversationState.DeleteAsync(turnContext);
            }
            catch (Exception cleanupFailure)
            {
                logger.LogError("Could not apologise or clear state after a failed turn: {ExceptionType}", cleanupFailure.GetType().FullName);
            }
        };
    }

    /// <summary>
    /// Runs a turn for an activity that arrived inside this host (the offline Direct Line endpoint), through the
    /// same pipeline and authentication as /api/messages: in local mode (no app id) the empty header is accepted.
    /// </summary>
    /// <param name="activity">The activity; give it deliveryMode expectReplies to get the replies back.</param>
    /// <param name="logic">The bot's turn handler.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The invoke response; with expectReplies its body holds the replies.</returns>
    public Task<InvokeResponse> ProcessInHostAsync(Activity activity, BotCallbackHandler logic, CancellationToken cancellationToken)
        => ProcessActivityAsync(string.Empty, activity, logic, cancellationToken);
}
