using BackCare.Bot.Bots;
using BackCare.Bot.Triage;
using BackCare.Dialogs;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// The triage: asks the next question the interview calls for, records the reply, and loops until the rules
/// have what they need (or an emergency answer stops it). Ends with the <see cref="TriageOutcome"/>, after
/// telling the person what to do and why.
/// </summary>
public sealed class TriageDialog : ComponentDialog
{
    private const string LoopId = "triageLoop";

    private readonly IStatePropertyAccessor<ConversationData> _conversationData;
    private readonly TriageContent _content;
    private readonly TriageReport _report;

    public TriageDialog(IStatePropertyAccessor<ConversationData> conversationData, TriageContent content, TriageReport report, TimeProvider clock)
        : base(nameof(TriageDialog))
    {
        _conversationData = conversationData;
        _content = content;
        _report = report;

        AddDialog(new WaterfallDialog(LoopId, [AskNextQuestionStepAsync, RecordAnswerStepAsync]));
        AddDialog(new TriageQuestionPrompt(content, clock));
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

        data.CurrentQuestion = question;
        return await step.PromptAsync(nameof(TriageQuestionPrompt), TriageQuestionPrompt.OptionsFor(question, _content), cancellationToken);
    }

    private async Task<DialogTurnResult> RecordAnswerStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var reply = (Reply)step.Result!;
        var question = data.CurrentQuestion ?? throw new InvalidOperationException("A triage reply arrived with no question being asked.");
        data.Answers = TriageInterview.Apply(data.Answers, question, reply);
        data.CurrentQuestion = null;

        if (TriageInterview.IsWarningSign(question) && (reply.Answer == Answer.NotSure || reply.Legs == Legs.NotSure))
        {
            await step.Context.SendActivityAsync(_content.NotSureAcknowledgement, cancellationToken: cancellationToken);
        }

        return await step.ReplaceDialogAsync(LoopId, null, cancellationToken);
    }

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext step, ConversationData data, CancellationToken cancellationToken)
    {
        data.CurrentQuestion = null;
        data.Outcome = TriageRules.Decide(data.Answers);
        await step.Context.SendActivityAsync(_report.Advice(data.Outcome), cancellationToken: cancellationToken);
        return await step.EndDialogAsync(data.Outcome, cancellationToken);
    }
}
