using BackCare.Bot.Content;
using BackCare.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Hosting;

/// <summary>
/// The bot's adapter. When a turn fails it logs the failure (never what the user said) and apologises in plain
/// words. Unlike the samples it does not clear conversation state: the failed turn's changes are simply not
/// saved (the bot saves once, at the end of a turn), so every earlier answer, and an emergency or urgent
/// result, stays. Only state that cannot be read is reset, by the bot, which logs it.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    /// <summary>The name of the phrase the person reads when a turn fails (their earlier answers are kept).</summary>
    public const string TurnFailedPhrase = "turnFailed";

    public AdapterWithErrorHandler(BotFrameworkAuthentication auth, ILogger<AdapterWithErrorHandler> logger, SerializedTurnsMiddleware serializedTurns, TypingIndicator typing, BotText text, RecognizerWarmUp warmUp)
        : base(auth, logger)
    {
        // Whatever a turn recorded for itself is let go when it ends (see TurnRecords).
        Use(new BackCare.Dialogs.EndOfTurn());

        // The recognisers are warmed once the first turn is answered, so they do not slow it down.
        Use(warmUp);

        // One turn per conversation at a time, so two messages sent together both take effect.
        Use(serializedTurns);

        // Teams and Web Chat show "typing" while a reply takes longer than half a second.
        Use(typing);

        OnTurnError = async (turnContext, exception) =>
        {
            // The exception's type and stack say where it failed; its message can quote input, so it is left out.
            logger.TurnFailed(turnContext.Activity.ChannelId, turnContext.Activity.Type, exception.GetType().FullName, exception.StackTrace);

            try
            {
                await turnContext.SendActivityAsync(text[TurnFailedPhrase]);
            }
            catch (Exception apologyFailure)
            {
                // Typically the channel that refused the reply refuses the apology too: nothing more to do.
                logger.ApologyFailed(apologyFailure.GetType().FullName);
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
    public async Task<InvokeResponse> ProcessInHostAsync(Activity activity, BotCallbackHandler logic, CancellationToken cancellationToken)
        => AnsweredCleanly(activity, await ProcessActivityAsync(string.Empty, activity, logic, cancellationToken));

    /// <summary>
    /// Runs a turn for an activity whose request has already been authenticated (see <see cref="MessagesEndpoint"/>,
    /// which authenticates first so that a rejected token is a clean 401 whatever the reason).
    /// </summary>
    /// <param name="authentication">The result of <see cref="BotFrameworkAuthentication.AuthenticateRequestAsync"/>.</param>
    /// <param name="activity">The activity.</param>
    /// <param name="logic">The bot's turn handler.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The invoke response; with expectReplies its body holds the replies.</returns>
    public async Task<InvokeResponse> ProcessAuthenticatedAsync(AuthenticateRequestResult authentication, Activity activity, BotCallbackHandler logic, CancellationToken cancellationToken)
        => AnsweredCleanly(activity, await ProcessActivityAsync(authentication, activity, logic, cancellationToken));

    /// <summary>
    /// The SDK answers 501 to an invoke nobody answered: one the bot does not handle, one it already handled (a
    /// retry) or one whose turn failed (the person has the apology). The channel gets a plain 200 with an empty
    /// invoke response instead, never a 5xx.
    /// </summary>
    /// <param name="activity">The activity the turn was for.</param>
    /// <param name="response">What the SDK answered.</param>
    /// <returns>The response to send.</returns>
    public static InvokeResponse AnsweredCleanly(Activity activity, InvokeResponse response)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Invoke && response is null or { Status: StatusCodes.Status501NotImplemented }
            ? new InvokeResponse { Status = StatusCodes.Status200OK }
            : response!;
    }
}
