using BackCare.Bot.Bots;
using BackCare.Bot.Exercises;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;
using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// The conversation: triage first; then, only when the outcome allows it, an offer of the gentle routine
/// (at doctor level only the stretches, "once your doctor agrees"); after an emergency or urgent outcome,
/// never any exercise.
/// </summary>
public sealed class MainDialog : InterruptibleDialog
{
    private const string FlowId = "mainFlow";
    private const string ResumeFlowId = "resumeFlow";
    private const string LoadedLiftsId = "loadedLifts";

    private readonly IStatePropertyAccessor<ConversationData> _conversationData;
    private readonly IStatePropertyAccessor<UserProfile> _userProfile;
    private readonly TriageReport _report;
    private readonly RoutineWalk _walk;
    private readonly TimeProvider _clock;

    public MainDialog(
        IStatePropertyAccessor<ConversationData> conversationData,
        IStatePropertyAccessor<UserProfile> userProfile,
        TriageContent content,
        TriageReport report,
        ExerciseCatalogue catalogue,
        TimeProvider clock,
        TriageDialog triage,
        RoutineDialog routine,
        Listening listening,
        AnswerReader answers)
        : base(nameof(MainDialog), conversationData, userProfile, content, report, listening, clock)
    {
        _conversationData = conversationData;
        _userProfile = userProfile;
        _report = report;
        _walk = new RoutineWalk(catalogue);
        _clock = clock;

        AddDialog(new WaterfallDialog(FlowId,
        [
            StartTriageStepAsync,
            OfferRoutineStepAsync,
            AskAboutGymStepAsync,
            AskAboutLoadedLiftsStepAsync,
            StartRoutineStepAsync,
            AfterRoutineStepAsync,
            RecheckStepAsync,
        ]));
        AddDialog(new WaterfallDialog(ResumeFlowId,
        [
            OfferToCarryOnStepAsync,
            CheckNothingChangedStepAsync,
            CarryOnStepAsync,
            AfterRoutineStepAsync,
            RecheckStepAsync,
        ]));
        AddDialog(new YesNoNotSurePrompt(answers));
        AddDialog(triage);
        AddDialog(routine);
        AddDialog(new ConfirmPrompt(nameof(ConfirmPrompt)));
        AddDialog(new ConfirmPrompt(LoadedLiftsId) { ConfirmChoices = (new Choice("Yes, include them"), new Choice("No, skip them")) });
        InitialDialogId = FlowId;
    }

    private async Task<DialogTurnResult> StartTriageStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        if (data.Outcome is { Level: Disposition.Emergency or Disposition.Urgent } earlier)
        {
            // An urgent or emergency answer stands until the person chooses to start over.
            await step.Context.SendActivityAsync(
                $"{_report.Advice(earlier)}\n\nIf things have changed and you want to answer the questions again, type **start over**.",
                cancellationToken: cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        if (data.Outcome is not null)
        {
            // Finished earlier: a new message ("thanks", "hi again") should not silently restart the questions.
            var choices = new List<Choice> { new("Start over"), new("Summary") };
            await step.Context.SendActivityAsync(
                ChoiceFactory.ForChannel(step.Context.Activity.ChannelId, choices, "Welcome back. We finished the questions earlier. Say **start over** to check your back again, or **summary** to see your answers."),
                cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var profile = await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken);
        if (profile.UnfinishedRoutine is { } unfinished)
        {
            if (unfinished.Outcome.AllowsExercise && _clock.GetUtcNow() - unfinished.SavedAt < UnfinishedRoutine.OfferedFor)
            {
                return await step.ReplaceDialogAsync(ResumeFlowId, null, cancellationToken);
            }

            profile.ForgetUnfinishedRoutine();
        }

        return await step.BeginDialogAsync(nameof(TriageDialog), null, cancellationToken);
    }

    private async Task<DialogTurnResult> OfferToCarryOnStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var unfinished = (await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken)).UnfinishedRoutine!;
        var question = $"Welcome back. Last time you stopped partway through your routine, at {_walk.Where(unfinished.Progress)}. Would you like to carry on from there?";
        return await step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(question),
            RetryPrompt = MessageFactory.Text($"Sorry, was that a yes or a no? {question}"),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> CheckNothingChangedStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not true)
        {
            (await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken)).ForgetUnfinishedRoutine();
            await step.Context.SendActivityAsync("OK, let's start with a fresh check of your back.", cancellationToken: cancellationToken);
            return await step.ReplaceDialogAsync(FlowId, null, cancellationToken);
        }

        // Time has passed: before any exercise, make sure nothing has changed.
        return await step.PromptAsync(nameof(YesNoNotSurePrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text("Before we carry on: since last time, has the pain got worse, or have you noticed anything new, such as numbness, tingling, weakness, fever or trouble peeing?"),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> CarryOnStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var profile = await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken);
        var unfinished = profile.UnfinishedRoutine!;
        profile.ForgetUnfinishedRoutine();
        if (StateValues.As<Answer?>(step.Result) is not Answer.No)
        {
            await step.Context.SendActivityAsync("Thanks for telling me. Then let's check your symptoms again before any exercise.", cancellationToken: cancellationToken);
            return await step.ReplaceDialogAsync(FlowId, null, cancellationToken);
        }

        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        data.CarryOn(unfinished);
        var request = new RoutineRequest(unfinished.Outcome.Level, unfinished.Progress.PainBefore, Resume: true);
        return await step.BeginDialogAsync(nameof(RoutineDialog), request, cancellationToken);
    }

    private async Task<DialogTurnResult> OfferRoutineStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var outcome = (TriageOutcome)step.Result!;
        if (!outcome.AllowsExercise)
        {
            await step.Context.SendActivityAsync(
                "Type **summary** for a summary you can show the doctor, or **start over** if something changes.",
                cancellationToken: cancellationToken);
            return await step.EndDialogAsync(outcome, cancellationToken);
        }

        var question = outcome.Level == Disposition.Doctor
            ? "Would you like me to show you the gentle stretches now, so you know them for when your doctor agrees?"
            : "Would you like to do a short, gentle routine now?";
        return await step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(question),
            RetryPrompt = MessageFactory.Text($"Sorry, was that a yes or a no? {question}"),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskAboutGymStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not true)
        {
            await step.Context.SendActivityAsync(
                "No problem. Type **summary** for a summary of your answers, or **start over** to check again another time. Take care.",
                cancellationToken: cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        if (!MayOfferLoadedLifts(data))
        {
            return await step.NextAsync(false, cancellationToken);
        }

        return await step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text("Your pain is low, so two light gym lifts could be added. Do you have access to a gym with a barbell and a lat pulldown machine?"),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskAboutLoadedLiftsStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        step.Values["gym"] = step.Result is true;
        if (step.Result is not true)
        {
            return await step.NextAsync(false, cancellationToken);
        }

        return await step.PromptAsync(LoadedLiftsId, new PromptOptions
        {
            Prompt = MessageFactory.Text("Would you like to include a rack pull and a lat pulldown, with a light weight? Only choose this if you're used to lifting."),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> StartRoutineStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var request = new RoutineRequest(data.Outcome!.Level, data.Answers.Severity ?? 10, step.Values.GetValue<bool>("gym"), step.Result is true);
        return await step.BeginDialogAsync(nameof(RoutineDialog), request, cancellationToken);
    }

    private async Task<DialogTurnResult> AfterRoutineStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (StateValues.As<RoutineOutcome>(step.Result) != RoutineOutcome.Hurt)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        return await step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text("Would you like to go through the symptom questions again, in case something has changed?"),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> RecheckStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not true)
        {
            await step.Context.SendActivityAsync("OK. Rest up, and type **start over** any time you want to check again.", cancellationToken: cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        data.StartAgain();
        return await step.ReplaceDialogAsync(FlowId, null, cancellationToken);
    }

    private static bool MayOfferLoadedLifts(ConversationData data)
        => data.Outcome?.Level == Disposition.SelfCare && data.Answers.Severity is <= 3 && data.Answers.EasesWithRest == Answer.Yes
            && !data.Answers.Age.FiftyOrOver() && !data.Answers.OsteoporosisOrSteroids.CountsAsYes();
}
