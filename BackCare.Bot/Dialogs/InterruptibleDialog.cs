using BackCare.Bot.Bots;
using BackCare.Bot.Cards;
using BackCare.Bot.Content;
using BackCare.Bot.Proactive;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// The base of the root dialog: before any inner dialog sees a message, it checks for an emergency sign typed
/// in free text (which ends everything with emergency advice) and for the commands that work at any turn:
/// help, cancel, start over, summary, progress, and setting or stopping a daily reminder (with the answer to
/// "which time zone are you in?" when that was just asked). ("Delete my data" is handled by the bot, before any dialog runs.)
/// </summary>
public abstract class InterruptibleDialog : ComponentDialog
{
    private readonly IStatePropertyAccessor<ConversationData> _conversationData;
    private readonly IStatePropertyAccessor<UserProfile> _userProfile;
    private readonly TriageContent _content;
    private readonly TriageReport _report;
    private readonly Listening _listening;
    private readonly TimeProvider _clock;
    private readonly ReminderConversation _reminders;

    protected InterruptibleDialog(string dialogId, IStatePropertyAccessor<ConversationData> conversationData, IStatePropertyAccessor<UserProfile> userProfile, TriageContent content, TriageReport report, Listening listening, TimeProvider clock, BotText text, ReminderConversation reminders, CardSet cards)
        : base(dialogId)
    {
        Cards = cards;
        _reminders = reminders;
        _conversationData = conversationData;
        _userProfile = userProfile;
        _content = content;
        _report = report;
        _listening = listening;
        _clock = clock;
        Text = text;
    }

    /// <summary>Gets the bot's words outside the triage's questions.</summary>
    protected BotText Text { get; }

    /// <summary>Gets the cards.</summary>
    protected CardSet Cards { get; }

    /// <summary>
    /// A flow changed by a deploy while this conversation was in it: say so, stop what was running, and let the
    /// engine start the flow again from its first step. The answers, the outcome and any routine progress are
    /// kept, so the triage goes on from the next question it needs and a result still stands.
    /// </summary>
    /// <inheritdoc/>
    protected override async Task<bool> OnPreBubbleEventAsync(DialogContext dc, DialogEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Name == DialogEvents.VersionChanged)
        {
            var data = await _conversationData.GetAsync(dc.Context, () => new ConversationData(), cancellationToken);
            data.Stop();
            await dc.Context.SendActivityAsync(_content.Phrase("flowUpdated"), cancellationToken: cancellationToken);
            return false;
        }

        return await base.OnPreBubbleEventAsync(dc, e, cancellationToken);
    }

    /// <summary>Handles an interruption in a message that starts the dialog, when nothing was running.</summary>
    /// <inheritdoc/>
    protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return await InterruptAsync(innerDc, isRunning: false, cancellationToken)
            ?? await base.OnBeginDialogAsync(innerDc, options, cancellationToken);
    }

    /// <inheritdoc/>
    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return await InterruptAsync(innerDc, isRunning: true, cancellationToken)
            ?? await base.OnContinueDialogAsync(innerDc, cancellationToken);
    }

    private async Task<DialogTurnResult?> InterruptAsync(DialogContext innerDc, bool isRunning, CancellationToken cancellationToken)
    {
        var activity = innerDc.Context.Activity;
        if (activity.Type != Microsoft.Bot.Schema.ActivityTypes.Message || string.IsNullOrWhiteSpace(activity.Text))
        {
            return null;
        }

        var data = await _conversationData.GetAsync(innerDc.Context, () => new ConversationData(), cancellationToken);
        var readBack = data.TakeReadBack();

        // Warning signs are heard at every turn, except the ones the question being asked reads itself (so a
        // hedged answer to it is checked rather than taken as an emergency straight away).
        var signs = _listening.Signs(activity.Text, data.CurrentQuestion);
        if (signs.Any(s => TriageRules.LevelOf(s.Sign) == Disposition.Emergency))
        {
            // Whatever was running stops: no question and no exercise goes on after an emergency sign.
            return await StopWithAdviceAsync(innerDc, data, signs, cancellationToken);
        }

        if (signs.Count > 0)
        {
            if (data.CurrentQuestion is null)
            {
                // In the routine, at the carry-on question, or after a result: an urgent sign stops everything
                // and gives the urgent advice with its reason.
                return await StopWithAdviceAsync(innerDc, data, signs, cancellationToken);
            }

            // During the questions: noted, and the triage goes on (the message may answer the question too).
            data.NoteSigns(signs);
            foreach (var (sign, _) in signs)
            {
                await innerDc.Context.SendActivityAsync(_report.Noted(sign), cancellationToken: cancellationToken);
            }
        }

        if (await _reminders.AnswerZoneAsync(innerDc.Context, data, activity.Text, cancellationToken))
        {
            return await AsideDoneAsync(innerDc, isRunning, cancellationToken);
        }

        if (readBack is QuestionId earlier && isRunning && _listening.Correction(activity.Text, earlier, data.Answers, _clock.GetUtcNow().UtcDateTime) is Reply correction)
        {
            // "No, it's more like 5": the answer just read back is changed, and the current question asked again.
            data.Correct(earlier, correction, activity.Text);
            await innerDc.Context.SendActivityAsync(_report.Corrected(earlier, data.Answers), cancellationToken: cancellationToken);
            await innerDc.RepromptDialogAsync(cancellationToken);
            return EndOfTurn;
        }

        var command = _listening.Command(activity.Text);
        if (data.InRoutine && command == Command.Cancel)
        {
            // In a routine, "stop" ends the routine its own way (with the pain check).
            return null;
        }

        switch (command)
        {
            case Command.Help:
                if (isRunning)
                {
                    // The question (or page) comes again right after, with its buttons.
                    await innerDc.Context.SendActivityAsync(HelpFor(data), cancellationToken: cancellationToken);
                    await innerDc.RepromptDialogAsync(cancellationToken);
                    return EndOfTurn;
                }

                await innerDc.Context.SendActivityAsync(NextSteps(HelpFor(data), data), cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Complete);

            case Command.Summary:
                var summary = _report.Summary(data.Answers, data.Outcome, data.Said);
                await innerDc.Context.SendActivityAsync(isRunning ? Cards.Summary(summary) : Cards.Summary(summary, Text["button.startOver"]), cancellationToken);
                if (isRunning)
                {
                    await innerDc.RepromptDialogAsync(cancellationToken);
                    return EndOfTurn;
                }

                return new DialogTurnResult(DialogTurnStatus.Complete);

            case Command.Progress when data.CurrentQuestion is null:
                // Not during the triage's questions, where the word may be part of an answer.
                await ShowProgressAsync(innerDc.Context, cancellationToken);
                return await AsideDoneAsync(innerDc, isRunning, cancellationToken);

            case Command.SetReminder when data.CurrentQuestion is not null:
                // During the questions a message is their answer: a reminder can wait until they are done.
                await innerDc.Context.SendActivityAsync(Text["reminder.afterQuestions"], cancellationToken: cancellationToken);
                return await AsideDoneAsync(innerDc, isRunning, cancellationToken);

            case Command.SetReminder:
                await _reminders.SetAsync(innerDc.Context, data, activity.Text, cancellationToken);
                return await AsideDoneAsync(innerDc, isRunning, cancellationToken);

            case Command.StopReminders:
                await _reminders.StopAsync(innerDc.Context, cancellationToken);
                return await AsideDoneAsync(innerDc, isRunning, cancellationToken);

            case Command.Cancel:
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                data.Stop();
                await innerDc.Context.SendActivityAsync(CardSet.Commands(Text["cancelled"], Text["button.startOver"], Text["button.summary"]), cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Cancelled);

            case Command.StartOver:
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                data.StartAgain();
                await ForgetUnfinishedRoutineAsync(innerDc.Context, cancellationToken);
                await innerDc.Context.SendActivityAsync(Text["startingAgain"], cancellationToken: cancellationToken);
                return await innerDc.BeginDialogAsync(InitialDialogId!, null, cancellationToken);

            default:
                return null;
        }
    }

    /// <summary>Shows the person's progress over their routine sessions ("progress", at any turn outside the triage's questions).</summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task.</returns>
    protected abstract Task ShowProgressAsync(ITurnContext turnContext, CancellationToken cancellationToken);

    /// <summary>After an aside (progress shown, a reminder set or stopped): what was running asks its question again.</summary>
    private static async Task<DialogTurnResult> AsideDoneAsync(DialogContext innerDc, bool isRunning, CancellationToken cancellationToken)
    {
        if (isRunning)
        {
            await innerDc.RepromptDialogAsync(cancellationToken);
            return EndOfTurn;
        }

        return new DialogTurnResult(DialogTurnStatus.Complete);
    }

    private async Task<DialogTurnResult> StopWithAdviceAsync(DialogContext innerDc, ConversationData data, IReadOnlyList<(RedFlag Sign, Answer Answer)> signs, CancellationToken cancellationToken)
    {
        await innerDc.CancelAllDialogsAsync(cancellationToken);
        var outcome = data.StopForSigns(signs);
        await ForgetUnfinishedRoutineAsync(innerDc.Context, cancellationToken);
        await innerDc.Context.SendActivityAsync(Cards.Result(outcome.Level, _report.Advice(outcome), outcome.UnderSixteen), cancellationToken);
        return new DialogTurnResult(DialogTurnStatus.Complete, outcome);
    }

    /// <summary>After an emergency sign or a fresh start, no earlier routine may be offered again.</summary>
    private async Task ForgetUnfinishedRoutineAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => (await _userProfile.GetAsync(turnContext, () => new UserProfile(), cancellationToken)).ForgetUnfinishedRoutine();

    /// <summary>A message with buttons for what can come next when nothing is running: start the check, or start over and the summary.</summary>
    private Microsoft.Bot.Schema.Activity NextSteps(string markdown, ConversationData data)
        => data.Outcome is null && data.CurrentQuestion is null
            ? CardSet.Commands(markdown, Text["button.startCheck"])
            : CardSet.Commands(markdown, Text["button.startOver"], Text["button.summary"]);

    private string HelpFor(ConversationData data)
    {
        if (data.InRoutine)
        {
            return Text["help.routine"];
        }

        if (data.CurrentQuestion is QuestionId question)
        {
            var words = _content.Questions[question];
            return Text.Format("help.question", ("help", words.Help), ("example", words.Example), ("general", Text["help.general"]));
        }

        return Text["help.general"];
    }
}
