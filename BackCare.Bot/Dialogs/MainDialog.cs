using BackCare.Bot.Bots;
using BackCare.Bot.Cards;
using BackCare.Bot.Content;
using BackCare.Bot.Exercises;
using BackCare.Bot.Progress;
using BackCare.Bot.Proactive;
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
    private const string LoadedLiftKind = "loaded lift";

    private readonly IStatePropertyAccessor<ConversationData> _conversationData;
    private readonly IStatePropertyAccessor<UserProfile> _userProfile;
    private readonly TriageReport _report;
    private readonly RoutineWalk _walk;
    private readonly RoutineBuilder _builder;
    private readonly ExerciseCatalogue _catalogue;
    private readonly ProgressReport _progress;
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
        AnswerReader answers,
        BotText text,
        ProgressReport progress,
        ReminderConversation reminders,
        CardSet cards)
        : base(nameof(MainDialog), conversationData, userProfile, content, report, listening, clock, text, reminders, cards)
    {
        _builder = new RoutineBuilder(catalogue);
        _catalogue = catalogue;
        _progress = progress;
        _conversationData = conversationData;
        _userProfile = userProfile;
        _report = report;
        _walk = new RoutineWalk(catalogue, text);
        _clock = clock;

        AddDialog(new WaterfallDialog(FlowId,
        [
            StartTriageStepAsync,
            OfferRoutineStepAsync,
            AskAboutGymStepAsync,
            AskIfLiftedBeforeStepAsync,
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
        AddDialog(new YesNoNotSurePrompt(answers, text, cards));
        AddDialog(triage);
        AddDialog(routine);
        AddDialog(new ConfirmPrompt(nameof(ConfirmPrompt)) { ConfirmChoices = (new Choice(text["button.yes"]), new Choice(text["button.no"])) });
        AddDialog(new ConfirmPrompt(LoadedLiftsId) { ConfirmChoices = (new Choice(text["button.includeLifts"]), new Choice(text["button.skipLifts"])) });
        InitialDialogId = FlowId;
    }

    private async Task<DialogTurnResult> StartTriageStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        if (data.Outcome is { Level: Disposition.Emergency or Disposition.Urgent } earlier)
        {
            // An urgent or emergency answer stands until the person chooses to start over.
            await step.Context.SendActivityAsync(Cards.Result(earlier.Level, Text.Format("outcomeStands", ("advice", _report.Advice(earlier))), earlier.UnderSixteen), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var profile = await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken);
        var mayCarryOn = profile.UnfinishedRoutine is { } unfinished && unfinished.Outcome.AllowsExercise && _clock.GetUtcNow() - unfinished.SavedAt < UnfinishedRoutine.OfferedFor;
        if (data.Outcome is not null)
        {
            if (mayCarryOn && data.Outcome.AllowsExercise)
            {
                // An update went back to a safe point mid-routine: offer to carry on, as a later conversation would.
                return await step.ReplaceDialogAsync(ResumeFlowId, null, cancellationToken);
            }

            // Finished earlier: a new message ("thanks", "hi again") should not silently restart the questions.
            var choices = new List<Choice> { new(Text["button.startOver"]), new(Text["button.summary"]) };
            await step.Context.SendActivityAsync(ChoiceFactory.ForChannel(step.Context.Activity.ChannelId, choices, Text["finishedEarlier"]), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        if (mayCarryOn)
        {
            return await step.ReplaceDialogAsync(ResumeFlowId, null, cancellationToken);
        }

        profile.ForgetUnfinishedRoutine();

        return await step.BeginDialogAsync(nameof(TriageDialog), null, cancellationToken);
    }

    private async Task<DialogTurnResult> OfferToCarryOnStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var unfinished = (await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken)).UnfinishedRoutine!;
        var question = Text.Format("carryOnOffer", ("where", _walk.Where(unfinished.Progress)));
        return await step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(question),
            RetryPrompt = MessageFactory.Text(Text.Format("yesOrNoAgain", ("question", question))),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> CheckNothingChangedStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not true)
        {
            (await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken)).ForgetUnfinishedRoutine();
            (await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken)).StartAgain();
            await step.Context.SendActivityAsync(Text["freshCheck"], cancellationToken: cancellationToken);
            return await step.ReplaceDialogAsync(FlowId, null, cancellationToken);
        }

        // Time has passed: before any exercise, make sure nothing has changed.
        return await step.PromptAsync(nameof(YesNoNotSurePrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(Text["anythingNew"]),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> CarryOnStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var profile = await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken);
        var unfinished = profile.UnfinishedRoutine!;
        profile.ForgetUnfinishedRoutine();
        if (StateValues.As<Answer?>(step.Result) is not Answer.No)
        {
            (await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken)).StartAgain();
            await step.Context.SendActivityAsync(Text["checkAgainFirst"], cancellationToken: cancellationToken);
            return await step.ReplaceDialogAsync(FlowId, null, cancellationToken);
        }

        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        data.CarryOn(unfinished);
        var pain = Math.Max(data.HighestPain(), unfinished.Progress.PainBefore);
        if (!StillPassesGates(unfinished, pain, profile))
        {
            // Saved before the gates changed (or the catalogue did): a fresh plan under today's gates, without the gym lifts.
            await step.Context.SendActivityAsync(Text["carryOnReplanned"], cancellationToken: cancellationToken);
            var fresh = RoutineRequest.From(LevelFor(unfinished.Outcome.Level, profile), unfinished.Answers, pain) with { Progression = Progression.Assess(profile.Sessions)?.Level ?? 0 };
            return await step.BeginDialogAsync(nameof(RoutineDialog), fresh, cancellationToken);
        }

        var request = new RoutineRequest(unfinished.Outcome.Level, unfinished.Progress.PainBefore, Resume: true);
        return await step.BeginDialogAsync(nameof(RoutineDialog), request, cancellationToken);
    }

    /// <summary>Whether every exercise left in an unfinished routine passes today's gates for the person (the gym and opt-in as they chose then).</summary>
    private bool StillPassesGates(UnfinishedRoutine unfinished, int pain, UserProfile profile)
    {
        var request = RoutineRequest.From(LevelFor(unfinished.Outcome.Level, profile), unfinished.Answers, pain) with
        {
            GymAccess = true,
            WantsLoadedLifts = true,
            LiftedBefore = profile.LiftedWeightsBefore == true,
        };
        return unfinished.Progress.Routine.ExerciseIds.Skip(unfinished.Progress.Exercise)
            .All(id => _catalogue.Exercises.FirstOrDefault(e => e.Id == id) is { } exercise && RoutineBuilder.IsOffered(exercise, request));
    }

    private async Task<DialogTurnResult> OfferRoutineStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var outcome = (TriageOutcome)step.Result!;
        if (!outcome.AllowsExercise)
        {
            await step.Context.SendActivityAsync(CardSet.Commands(Text["afterResultNoExercise"], Text["button.summary"], Text["button.startOver"]), cancellationToken);
            return await step.EndDialogAsync(outcome, cancellationToken);
        }

        var question = outcome.Level == Disposition.Doctor
            ? Text["offerStretchesOnceDoctorAgrees"]
            : Text["offerRoutine"];
        return await step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(question),
            RetryPrompt = MessageFactory.Text(Text.Format("yesOrNoAgain", ("question", question))),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskAboutGymStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not true)
        {
            await step.Context.SendActivityAsync(CardSet.Commands(Text["routineDeclined"], Text["button.summary"], Text["button.startOver"]), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        // The gym questions only when a loaded lift could pass every other gate (clinical rules v2).
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var profile = await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken);
        if (!_builder.CouldOffer(LoadedLiftKind, BaseRequest(data, profile)))
        {
            return await step.NextAsync(false, cancellationToken);
        }

        return await step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(Text["gymQuestion"]),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskIfLiftedBeforeStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        step.Values["gym"] = step.Result is true;
        if (step.Result is not true)
        {
            return await step.NextAsync(false, cancellationToken);
        }

        // Asked once: the answer is kept in the person's profile.
        if ((await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken)).LiftedWeightsBefore is bool known)
        {
            return await step.NextAsync(known, cancellationToken);
        }

        step.Values["askedLifted"] = true;
        return await step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(Text["liftedBeforeQuestion"]),
            RetryPrompt = MessageFactory.Text(Text.Format("yesOrNoAgain", ("question", Text["liftedBeforeQuestion"]))),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskAboutLoadedLiftsStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var lifted = step.Result is true;
        step.Values["lifted"] = lifted;
        if (step.Values.ContainsKey("askedLifted"))
        {
            (await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken)).NoteLiftedWeightsBefore(lifted);
            if (!lifted)
            {
                await step.Context.SendActivityAsync(Text["liftsNeedExperience"], cancellationToken: cancellationToken);
            }
        }

        if (!lifted)
        {
            return await step.NextAsync(false, cancellationToken);
        }

        return await step.PromptAsync(LoadedLiftsId, new PromptOptions
        {
            Prompt = MessageFactory.Text(Text["liftsQuestion"]),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> StartRoutineStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var profile = await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken);
        var request = BaseRequest(data, profile) with
        {
            GymAccess = step.Values.GetValue<bool>("gym"),
            LiftedBefore = step.Values.GetValue<bool>("lifted"),
            WantsLoadedLifts = step.Result is true,
            Progression = Progression.Assess(profile.Sessions)?.Level ?? 0,
        };
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
            Prompt = MessageFactory.Text(Text["recheckQuestion"]),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> RecheckStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not true)
        {
            await step.Context.SendActivityAsync(CardSet.Commands(Text["restUp"], Text["button.startOver"], Text["button.summary"]), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        data.StartAgain();
        return await step.ReplaceDialogAsync(FlowId, null, cancellationToken);
    }

    /// <inheritdoc/>
    protected override async Task ShowProgressAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var profile = await _userProfile.GetAsync(turnContext, () => new UserProfile(), cancellationToken);
        await turnContext.SendActivityAsync(ProgressMessage.Create(_progress.Describe(profile.Sessions)), cancellationToken);
    }

    /// <summary>The routine request from the triage, with the highest pain the person reported in the conversation.</summary>
    private static RoutineRequest BaseRequest(ConversationData data, UserProfile profile)
        => RoutineRequest.From(LevelFor(data.Outcome!.Level, profile), data.Answers, data.HighestPain());

    /// <summary>
    /// The level a routine is built at: when the person's own progress says to see a doctor (pain rising over three
    /// sessions, or no better after four weeks), a self-care result is built at doctor level: walking and the gentle
    /// stretches only, once the doctor agrees.
    /// </summary>
    private static Disposition LevelFor(Disposition level, UserProfile profile)
        => level == Disposition.SelfCare && Progression.Assess(profile.Sessions)?.Doctor is not null ? Disposition.Doctor : level;
}
