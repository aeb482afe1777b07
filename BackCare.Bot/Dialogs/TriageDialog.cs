using BackCare.Bot.Bots;
using BackCare.Bot.Cards;
using BackCare.Bot.Content;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// The triage: asks the next question the interview calls for, reads the reply, checks a mixed or hedged reply
/// with the person, records it (reading back what was read from words), and loops until the rules have what
/// they need (or an emergency answer stops it). Ends with the <see cref="TriageOutcome"/>, after telling the
/// person what to do and why.
/// </summary>
public sealed class TriageDialog : ComponentDialog
{
    private const string LoopId = "triageLoop";

    private readonly IStatePropertyAccessor<ConversationData> _conversationData;
    private readonly TriageContent _content;
    private readonly TriageReport _report;
    private readonly BotText _text;
    private readonly CardSet _cards;

    public TriageDialog(IStatePropertyAccessor<ConversationData> conversationData, TriageContent content, TriageReport report, ReplyReader replies, TimeProvider clock, BotText text, CardSet cards)
        : base(nameof(TriageDialog))
    {
        _conversationData = conversationData;
        _content = content;
        _report = report;
        _text = text;
        _cards = cards;

        AddDialog(new WaterfallDialog(LoopId, [AskNextQuestionStepAsync, RecordAnswerStepAsync, RecordConfirmationStepAsync]));
        AddDialog(new TriageQuestionPrompt(content, replies, clock, text, cards));
        AddDialog(new SignConfirmationPrompt(content, replies, text, cards));
        InitialDialogId = LoopId;
    }

    private async Task<DialogTurnResult> AskNextQuestionStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var next = TriageInterview.NextQuestion(data.Answers);
        if (next is not QuestionId question)
        {
            return await FinishAsync(step, data, cancellationToken);
        }

        data.Ask(question);

        // "Question 4 of about 11": the questions asked so far, and how many more an all-clear path would need.
        var asked = Math.Max(1, data.QuestionsAsked);
        var progress = _text.Format("questionProgress", ("n", asked), ("total", asked - 1 + TriageInterview.Remaining(data.Answers)));
        return await step.PromptAsync(nameof(TriageQuestionPrompt), TriageQuestionPrompt.OptionsFor(question, _content, progress), cancellationToken);
    }

    private async Task<DialogTurnResult> RecordAnswerStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var reply = (Reply)step.Result!;
        var question = data.CurrentQuestion ?? throw new InvalidOperationException("A triage reply arrived with no question being asked.");
        if (reply.NeedsConfirmation && TriageInterview.KindOf(question) != QuestionKind.Checklist)
        {
            // Mixed or hedged: check it, naming the sign. What else the reply said (which leg) is kept.
            step.Values["legs"] = reply.Legs?.ToString() ?? string.Empty;
            step.Values["below"] = reply.BelowKnee?.ToString() ?? string.Empty;
            return await step.PromptAsync(nameof(SignConfirmationPrompt), SignConfirmationPrompt.OptionsFor(question, _content), cancellationToken);
        }

        await RecordAsync(step, data, question, reply, cancellationToken);
        return await step.ReplaceDialogAsync(LoopId, null, cancellationToken);
    }

    private async Task<DialogTurnResult> RecordConfirmationStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var question = data.CurrentQuestion ?? throw new InvalidOperationException("A confirmation arrived with no question being asked.");
        var answer = StateValues.As<Answer?>(step.Result) ?? Answer.NotSure;
        var reply = new Reply
        {
            Answer = answer,
            Legs = Enum.TryParse<Legs>(step.Values.GetValue<string>("legs"), out var legs) ? legs : null,
            BelowKnee = Enum.TryParse<Answer>(step.Values.GetValue<string>("below"), out var below) ? below : null,
        };
        await RecordAsync(step, data, question, reply, cancellationToken);
        return await step.ReplaceDialogAsync(LoopId, null, cancellationToken);
    }

    private async Task RecordAsync(WaterfallStepContext step, ConversationData data, QuestionId question, Reply reply, CancellationToken cancellationToken)
    {
        var typed = step.Context.Activity.Text?.Trim();
        var tapped = typed is not null && (_content.Questions[question].Buttons.Contains(typed, StringComparer.OrdinalIgnoreCase)
            || (TriageInterview.KindOf(question) == QuestionKind.Severity && CardSet.PainScale.Contains(typed, StringComparer.Ordinal)));
        data.Record(question, reply, tapped ? null : typed);
        if (reply.FromWords)
        {
            // Read from words, not a button: say what was understood, so the person can correct it.
            await step.Context.SendActivityAsync(_report.ReadBack(question, data.Answers), cancellationToken: cancellationToken);
        }

        if (TriageInterview.IsWarningSign(question) && (reply.Answer == Answer.NotSure || reply.Legs == Legs.NotSure))
        {
            await step.Context.SendActivityAsync(_content.Phrase("notSureAcknowledgement"), cancellationToken: cancellationToken);
        }
    }

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext step, ConversationData data, CancellationToken cancellationToken)
    {
        var outcome = data.Decide();
        await step.Context.SendActivityAsync(_cards.Result(outcome.Level, _report.Advice(outcome), outcome.UnderSixteen), cancellationToken);
        return await step.EndDialogAsync(outcome, cancellationToken);
    }
}
