using System.Collections.Concurrent;
using BackCare.Bot.Bots;
using BackCare.Bot.Content;
using BackCare.Bot.Hosting;
using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Proactive;

/// <summary>
/// The routine's timers ("start the timer" on a hold or a timed breathing step). A timer waits in memory on the
/// instance that took the turn (on the injected clock); when it ends it continues the conversation, reads the
/// conversation's state afresh under the conversation's turn lock, and says "time's up" only if the state still
/// names this timer: any message from the person clears it (on whichever instance took that message), and a
/// newer timer replaces it. On this instance a message also cancels the waiting timer at once. A restart loses
/// a waiting timer: it lasts seconds, and the person simply carries on.
/// </summary>
/// <param name="conversationState">The conversation state.</param>
/// <param name="conversationData">The session in it.</param>
/// <param name="messenger">Sends into a stored conversation.</param>
/// <param name="text">The bot's words.</param>
/// <param name="clock">The clock the timers wait on.</param>
/// <param name="logger">The logger.</param>
public sealed class ConversationTimers(
    ConversationState conversationState,
    IStatePropertyAccessor<ConversationData> conversationData,
    ProactiveMessenger messenger,
    BotText text,
    TimeProvider clock,
    ILogger<ConversationTimers> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _waiting = new(StringComparer.Ordinal);

    /// <summary>Gets the run of the timer started last on this instance: <c>true</c> once it said "time's up", <c>false</c> when it was cancelled or superseded (for tests and diagnostics).</summary>
    public Task<bool>? LastStarted { get; private set; }

    /// <summary>Starts a timer for the turn's conversation, replacing any running one.</summary>
    /// <param name="turnContext">The turn that asked for it.</param>
    /// <param name="data">The session, where the timer's id is kept (saved with the turn).</param>
    /// <param name="seconds">How long.</param>
    public void Start(ITurnContext turnContext, ConversationData data, int seconds)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        var id = Guid.NewGuid().ToString("N");
        data.StartTimer(id);
        var reference = turnContext.Activity.GetConversationReference();
        var key = KeyOf(turnContext.Activity);
        var cancel = new CancellationTokenSource();
        if (_waiting.TryRemove(key, out var earlier))
        {
            Stop(earlier);
        }

        _waiting[key] = cancel;
        logger.TimerStarted(seconds);
        LastStarted = RunAsync(turnContext.Adapter, reference, key, id, TimeSpan.FromSeconds(seconds), cancel);
    }

    /// <summary>A message came: the conversation's timer, if any, says nothing when it ends.</summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="data">The session.</param>
    public void Cancel(ITurnContext turnContext, ConversationData data)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        data.CancelTimer();
        if (_waiting.TryRemove(KeyOf(turnContext.Activity), out var waiting))
        {
            Stop(waiting);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var key in _waiting.Keys)
        {
            if (_waiting.TryRemove(key, out var waiting))
            {
                Stop(waiting);
            }
        }
    }

    /// <summary>
    /// Cancels and disposes a timer's source. Whoever takes a source out of the map (a message, a newer timer, the
    /// timer's own end, shutdown) owns it and is the only one to dispose it, so a message arriving just as the time
    /// is up never cancels a disposed source; a source disposed all the same is already done with.
    /// </summary>
    private static void Stop(CancellationTokenSource cancel)
    {
        try
        {
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already ended and disposed: nothing left to cancel.
        }
        finally
        {
            cancel.Dispose();
        }
    }

    private static string KeyOf(Activity activity) => $"{activity.ChannelId}/{activity.Conversation?.Id}";

    private async Task<bool> RunAsync(BotAdapter adapter, ConversationReference reference, string key, string id, TimeSpan after, CancellationTokenSource cancel)
    {
        try
        {
            await Task.Delay(after, clock, cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            // Disposed here only if still in the map: otherwise whoever took it out (a message, a newer timer)
            // cancels and disposes it.
            if (_waiting.TryRemove(new KeyValuePair<string, CancellationTokenSource>(key, cancel)))
            {
                cancel.Dispose();
            }
        }

        var said = false;
        try
        {
            await messenger.ContinueAsync(adapter, reference, async (turnContext, cancellationToken) => said = await TimeIsUpAsync(turnContext, id, cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The channel refused it or the store failed: the person just carries on with "done".
            logger.TimerFailed(ex.GetType().FullName);
        }

        return said;
    }

    private async Task<bool> TimeIsUpAsync(ITurnContext turnContext, string id, CancellationToken cancellationToken)
    {
        await conversationState.LoadAsync(turnContext, true, cancellationToken).ConfigureAwait(false);
        var data = await conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
        if (!data.EndTimer(id))
        {
            logger.TimerSuperseded();
            return false;
        }

        await conversationState.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
        var buttons = new List<Choice> { new(text["button.done"]), new(text["button.repeat"]) };
        await turnContext.SendActivityAsync(ChoiceFactory.ForChannel(turnContext.Activity.ChannelId, buttons, text["timer.up"]), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
