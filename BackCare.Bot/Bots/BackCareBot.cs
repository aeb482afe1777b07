using BackCare.Bot.Cards;
using BackCare.Bot.Hosting;
using BackCare.Bot.Storage;
using BackCare.Bot.Content;
using BackCare.Bot.Proactive;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;
using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace BackCare.Bot.Bots;

/// <summary>
/// The bot: greets once per conversation, runs the root dialog on each message, handles "delete my data"
/// before any dialog, and saves conversation and user state once at the end of every turn.
/// </summary>
/// <typeparam name="T">The root dialog.</typeparam>
public class BackCareBot<T>(ConversationState conversationState, UserState userState, IStorage storage, T dialog, CommandReader commands, PersonalData personalData, BotText phrases, ConversationTimers timers, ILogger<BackCareBot<T>> logger) : ActivityHandler
    where T : Dialog
{
    /// <summary>The name of the event Web Chat sends when the page opens.</summary>
    public const string WebChatJoinEvent = "webchat/join";

    /// <summary>The longest message the bot reads; answers are short, and this bounds the work of understanding one.</summary>
    public const int MaxMessageLength = 2000;

    private readonly IStatePropertyAccessor<ConversationData> _conversationData = conversationState.CreateProperty<ConversationData>(nameof(ConversationData));
    private const string StateDeletedKey = "BackCare.StateDeleted";

    private readonly IStatePropertyAccessor<HandledActivities> _handled = conversationState.CreateProperty<HandledActivities>(nameof(HandledActivities));
    private readonly IStatePropertyAccessor<DialogState> _dialogState = conversationState.CreateProperty<DialogState>(nameof(DialogState));

    /// <summary>
    /// Runs one turn. State that cannot be read is reset (and logged); an activity already handled in this
    /// conversation is not applied again (a retry with expectReplies gets the same replies); state is saved
    /// once, at the end, so a turn that fails part way changes nothing.
    /// </summary>
    /// <inheritdoc/>
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);

        // The turn's three documents in one request to the store: the conversation's state, the person's, their index.
        var activity = turnContext.Activity;
        if (!string.IsNullOrEmpty(activity.ChannelId) && !string.IsNullOrEmpty(activity.Conversation?.Id) && !string.IsNullOrEmpty(activity.From?.Id))
        {
            await TurnDocuments.ReadAheadAsync(
                turnContext,
                storage,
                [PersonalData.ConversationKey(activity.ChannelId, activity.Conversation.Id), PersonalData.UserKey(activity.ChannelId, activity.From.Id), PersonalData.IndexKey(activity.ChannelId, activity.From.Id)],
                cancellationToken);
        }

        await LoadOrResetAsync(conversationState, "conversation", turnContext, cancellationToken);
        await LoadOrResetAsync(userState, "user", turnContext, cancellationToken);

        // Each person's conversations are indexed, so "delete my data" can remove all of them: before anything
        // of this turn is saved.
        await personalData.RecordAsync(turnContext, cancellationToken);

        // A retry is the same activity: same id and same timestamp. (Some clients, like the SDK's TestAdapter,
        // number activities from 1 again in a new session; the timestamp tells those apart.)
        var activityId = string.IsNullOrEmpty(turnContext.Activity.Id)
            ? null
            : turnContext.Activity.Timestamp is { } sentAt ? $"{turnContext.Activity.Id}@{sentAt.UtcTicks}" : turnContext.Activity.Id;
        var handled = await _handled.GetAsync(turnContext, () => new HandledActivities(), cancellationToken);
        if (!string.IsNullOrEmpty(activityId) && handled.Find(activityId) is { } earlier)
        {
            logger.ActivityRepeated(turnContext.Activity.Type);
            if (turnContext.Activity.DeliveryMode == DeliveryModes.ExpectReplies && earlier.Replies is { Count: > 0 } replies)
            {
                var again = replies.Select(HandledActivities.Expand).ToArray();
                await turnContext.SendActivitiesAsync(again, cancellationToken);
            }

            return;
        }

        var sent = new List<string>();
        var lastMessage = (Sent: false, Step: (string?)null);
        turnContext.OnSendActivities(async (context, activities, next) =>
        {
            lock (sent)
            {
                sent.AddRange(activities.Where(a => a.Type != ActivityTypes.Typing).Select(HandledActivities.Compact));
                if (activities.LastOrDefault(a => a.Type == ActivityTypes.Message) is { } message)
                {
                    // The last message of a turn is what the person answers next: only its card's buttons stay live.
                    lastMessage = (true, CardTap.StepOf(message));
                }
            }

            return await next();
        });

        if (turnContext.Activity.Type == ActivityTypes.Message && turnContext.Activity.ChannelId == Channels.Msteams)
        {
            // In group chats the @mention of the bot arrives inside the text: remove it before reading the answer.
            turnContext.Activity.Text = TeamsMentions.WithoutBotMention(turnContext.Activity);
        }

        await base.OnTurnAsync(turnContext, cancellationToken);

        if (lastMessage.Sent && !turnContext.TurnState.ContainsKey(StateDeletedKey))
        {
            (await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken)).ShowedCardFor(lastMessage.Step);
        }

        // "delete my data" removes the conversation's state, this record included: then nothing is written back.
        if (!string.IsNullOrEmpty(activityId) && !turnContext.TurnState.ContainsKey(StateDeletedKey))
        {
            lock (sent)
            {
                handled.Record(activityId, [.. sent]);
            }
        }

        await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
        await userState.SaveChangesAsync(turnContext, false, cancellationToken);
    }

    /// <inheritdoc/>
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);

        // Any message from the person stops a routine timer from saying "time's up".
        timers.Cancel(turnContext, await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken));

        var text = turnContext.Activity.Text;
        if (CardTap.Read(turnContext.Activity.Value) is { } tap)
        {
            // A card button: Web Chat and the Emulator post only its data, Teams its text too. A tap on a card of an
            // earlier step is not taken as an answer to this one: say so, and show what is asked now.
            var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
            if (tap.Step is { } step && !string.Equals(step, data.LiveCardStep, StringComparison.Ordinal))
            {
                switch (StaleTapKind(step, tap.Text, data))
                {
                    case StaleTap.Live:
                        // "It hurts" or "Stop" from an earlier page of the running routine: they work whichever card they are on.
                        break;
                    case StaleTap.Hurts:
                        // "It hurts" from a routine that is over: the advice for it, never only "that button is old".
                        await turnContext.SendActivityAsync(phrases["routine.hurt"], cancellationToken: cancellationToken);
                        await RepromptAsync(turnContext, cancellationToken);
                        return;
                    case StaleTap.WarningSign:
                        // An answer to an earlier warning-sign question: not used for the question asked now (a "yes"
                        // may mean the opposite there), but never dropped silently: the person is asked to say it.
                        await turnContext.SendActivityAsync(phrases["staleSignTap"], cancellationToken: cancellationToken);
                        await RepromptAsync(turnContext, cancellationToken);
                        return;
                    default:
                        await turnContext.SendActivityAsync(phrases["staleTap"], cancellationToken: cancellationToken);
                        await RepromptAsync(turnContext, cancellationToken);
                        return;
                }
            }

            text = tap.Text ?? text;
            turnContext.Activity.Text = text;
        }
        else if (string.IsNullOrWhiteSpace(text) && turnContext.Activity.Value is not null)
        {
            // A card button that posts data instead of text: take its "text" field when it has one.
            text = (turnContext.Activity.Value as Newtonsoft.Json.Linq.JObject)?["text"]?.ToString();
            turnContext.Activity.Text = text;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            await turnContext.SendActivityAsync(phrases["emptyMessage"], cancellationToken: cancellationToken);
            return;
        }

        if (text.Length > MaxMessageLength)
        {
            await turnContext.SendActivityAsync(phrases.Format("longMessage", ("max", MaxMessageLength)), cancellationToken: cancellationToken);
            return;
        }

        if (commands.Read(text) == Command.DeleteMyData)
        {
            await conversationState.DeleteAsync(turnContext, cancellationToken);
            await userState.DeleteAsync(turnContext, cancellationToken);
            await personalData.EraseAsync(turnContext, cancellationToken);
            turnContext.TurnState[StateDeletedKey] = true;
            await turnContext.SendActivityAsync(phrases["deleted"], cancellationToken: cancellationToken);
            return;
        }

        if (TeamsScope.InGroup(turnContext.Activity))
        {
            // Health questions only in a 1:1 chat: in a group everyone would read the answers, and state is shared.
            await turnContext.SendActivityAsync(phrases["groupIntro"], cancellationToken: cancellationToken);
            return;
        }

        await dialog.RunAsync(turnContext, _dialogState, cancellationToken);
    }

    /// <summary>What a tap on a button of an earlier card is.</summary>
    private enum StaleTap
    {
        /// <summary>Only out of date: said so, and the current question shown again.</summary>
        Old,

        /// <summary>"It hurts" or "Stop" on an earlier page while the routine runs: taken as said now.</summary>
        Live,

        /// <summary>"It hurts" on a page of a routine that is over.</summary>
        Hurts,

        /// <summary>An answer to an earlier warning-sign question or sign confirmation.</summary>
        WarningSign,
    }

    /// <summary>Sorts a tap on an earlier card: the routine's safety buttons and warning-sign answers are never merely stale.</summary>
    private StaleTap StaleTapKind(string step, string? tapped, ConversationData data)
    {
        if (step.StartsWith(WalkStepPrefix, StringComparison.Ordinal))
        {
            return commands.ReadRoutine(tapped) switch
            {
                RoutineCommand.ItHurts or RoutineCommand.Stop when data.InRoutine => StaleTap.Live,
                RoutineCommand.ItHurts => StaleTap.Hurts,
                _ => StaleTap.Old,
            };
        }

        if (step.StartsWith(ConfirmStepPrefix, StringComparison.Ordinal))
        {
            return StaleTap.WarningSign;
        }

        if (step.StartsWith(QuestionStepPrefix, StringComparison.Ordinal)
            && Enum.TryParse<QuestionId>(step[QuestionStepPrefix.Length..], out var question)
            && Enum.IsDefined(question)
            && TriageInterview.KindOf(question) is not (QuestionKind.Age or QuestionKind.Duration or QuestionKind.Severity or QuestionKind.Location))
        {
            return StaleTap.WarningSign;
        }

        return StaleTap.Old;
    }

    private const string WalkStepPrefix = "walk:";
    private const string QuestionStepPrefix = "question:";
    private const string ConfirmStepPrefix = "confirm:";

    /// <summary>Shows the question or page being asked again, if any.</summary>
    private async Task RepromptAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var dialogs = new DialogSet(_dialogState);
        dialogs.Add(dialog);
        var dc = await dialogs.CreateContextAsync(turnContext, cancellationToken);
        if (dc.ActiveDialog is not null)
        {
            await dc.RepromptDialogAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Greets when anyone joins, the bot included: Teams announces an install by adding only the bot, which
    /// the base class would not pass on to OnMembersAddedAsync.
    /// </summary>
    /// <inheritdoc/>
    protected override async Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.MembersAdded is { Count: > 0 })
        {
            await WelcomeOnceAsync(turnContext, cancellationToken);
        }
    }

    /// <inheritdoc/>
    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
        => WelcomeOnceAsync(turnContext, cancellationToken);

    /// <inheritdoc/>
    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Name == WebChatJoinEvent)
        {
            await WelcomeOnceAsync(turnContext, cancellationToken);
        }
    }

    private async Task LoadOrResetAsync(BotState state, string which, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        try
        {
            await state.LoadAsync(turnContext, false, cancellationToken);
        }
        catch (UnreadableStateException ex)
        {
            // The only state ever reset: what cannot be read. Deleting it lets the person carry on.
            logger.StateUnreadable(which, ex.InnerException?.GetType().Name);
            await state.DeleteAsync(turnContext, cancellationToken);
            await state.LoadAsync(turnContext, true, cancellationToken);
        }
    }

    private async Task WelcomeOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        if (data.Welcomed)
        {
            return;
        }

        data.Welcomed = true;
        if (TeamsScope.InGroup(turnContext.Activity))
        {
            await turnContext.SendActivityAsync(phrases["groupIntro"], cancellationToken: cancellationToken);
            return;
        }

        var greeting = ChoiceFactory.ForChannel(turnContext.Activity.ChannelId, [new Choice(phrases["button.startCheck"]), new Choice(phrases["button.help"])], phrases["welcome"]);
        await turnContext.SendActivityAsync(greeting, cancellationToken);
    }
}
