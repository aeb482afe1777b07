using BackCare.Bot.Bots;
using BackCare.Bot.Exercises;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;
using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// Coaches a routine: shows the plan and asks to start, then walks it a page at a time (done / next, repeat,
/// back, skip, pause, stop, "it hurts"), and ends with the pain score compared with the start. Where the
/// person is lives in <see cref="ConversationData.Routine"/>, saved every turn, so a restart resumes in place.
/// Begin it with a <see cref="RoutineRequest"/>.
/// </summary>
public sealed class RoutineDialog : ComponentDialog
{
    private const string WalkId = "routineWalk";
    private const string StepPromptId = "routineStep";

    private static readonly List<Choice> StartChoices = [new("Yes, let's start") { Synonyms = ["start", "go", "ok", "sure"] }, new("Not now") { Synonyms = ["later", "no"] }];

    private readonly IStatePropertyAccessor<ConversationData> _conversationData;
    private readonly IStatePropertyAccessor<UserProfile> _userProfile;
    private readonly TimeProvider _clock;
    private readonly ExerciseCatalogue _catalogue;
    private readonly RoutineBuilder _builder;
    private readonly RoutineWalk _walk;

    private readonly CommandReader _commands;

    public RoutineDialog(IStatePropertyAccessor<ConversationData> conversationData, IStatePropertyAccessor<UserProfile> userProfile, TimeProvider clock, ExerciseCatalogue catalogue, CommandReader commands, SeverityReader severity)
        : base(nameof(RoutineDialog))
    {
        _conversationData = conversationData;
        _userProfile = userProfile;
        _clock = clock;
        _catalogue = catalogue;
        _builder = new RoutineBuilder(catalogue);
        _walk = new RoutineWalk(catalogue);

        AddDialog(new WaterfallDialog(nameof(RoutineDialog), [ShowPlanStepAsync, StartStepAsync, AfterWalkStepAsync, ComparePainStepAsync]));
        AddDialog(new WaterfallDialog(WalkId, [ShowPageStepAsync, HandleCommandStepAsync]));
        AddDialog(new ConfirmPrompt(nameof(ConfirmPrompt)) { ConfirmChoices = (StartChoices[0], StartChoices[1]) });
        AddDialog(new TextPrompt(StepPromptId));
        AddDialog(new PainScorePrompt(severity));
        _commands = commands;
        InitialDialogId = nameof(RoutineDialog);
    }

    /// <summary>The commands shown at each step; Teams shows at most three suggested actions, so it gets a card.</summary>
    public static IReadOnlyList<string> StepButtons { get; } = ["Done", "Repeat", "Back", "Skip", "It hurts", "Pause", "Stop"];

    private async Task<DialogTurnResult> ShowPlanStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var request = StateValues.As<RoutineRequest>(step.Options) ?? throw new InvalidOperationException("The routine needs a RoutineRequest.");
        if (request.Resume)
        {
            // Carrying on where the person left off: the progress is already in the conversation data.
            return await step.NextAsync(true, cancellationToken);
        }

        var routine = _builder.Build(request);
        if (routine.ExerciseIds.Count == 0)
        {
            return await step.EndDialogAsync(RoutineOutcome.NotStarted, cancellationToken);
        }

        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        data.PlanRoutine(new RoutineProgress(routine) { PainBefore = request.Pain });

        var lines = routine.ExerciseIds.Select((id, i) => $"{i + 1}. {_catalogue[id].Name} ({_catalogue[id].Kind})");
        var intro = routine.OnceDoctorAgrees
            ? "These are gentle stretches for **once your doctor agrees**. If your doctor hasn't said they're OK yet, just read through them with me for now, without doing them."
            : "Here's a gentle routine for you.";
        var plan = $"{intro} It has {routine.ExerciseIds.Count} parts and takes about {routine.EstimatedMinutes} minutes:\n\n{string.Join("\n", lines)}\n\n"
            + "I'll take you through them one step at a time. At any step you can say done, repeat, back, skip, pause or stop. "
            + "If anything hurts, stop and tell me \"it hurts\".\n\nShall we start?";
        return await step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(plan),
            RetryPrompt = MessageFactory.Text("Shall we start the routine now? Yes or not now?"),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> StartStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        if (step.Result is not true)
        {
            data.LeaveRoutine(keepProgress: false);
            await step.Context.SendActivityAsync("No problem. Whenever you want to do it, say \"start over\" and we'll check your back again first.", cancellationToken: cancellationToken);
            return await step.EndDialogAsync(RoutineOutcome.NotStarted, cancellationToken);
        }

        data.EnterRoutine();
        await RememberAsync(step.Context, data, cancellationToken);
        return await step.BeginDialogAsync(WalkId, null, cancellationToken);
    }

    private async Task<DialogTurnResult> ShowPageStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var progress = await ProgressAsync(step.Context, cancellationToken);
        var note = StateValues.As<string>(step.Options);
        string text;
        IList<Choice> buttons;
        if (progress.Paused)
        {
            text = $"{note}Paused at {_walk.Where(progress)}. Say \"continue\" when you're ready, or \"stop\" to finish for now.".Trim();
            buttons = [new("Continue"), new("Stop")];
        }
        else
        {
            text = $"{note}{_walk.Describe(progress)}";
            buttons = StepButtons.Where(b => b != "Back" || !RoutineWalk.AtStart(progress)).Select(b => new Choice(b)).ToList();
        }

        var prompt = ChoiceFactory.ForChannel(step.Context.Activity.ChannelId, buttons, text);
        return await step.PromptAsync(StepPromptId, new PromptOptions { Prompt = (Microsoft.Bot.Schema.Activity)prompt }, cancellationToken);
    }

    private async Task<DialogTurnResult> HandleCommandStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var progress = await ProgressAsync(step.Context, cancellationToken);
        var command = _commands.ReadRoutine((string?)step.Result);
        string? note = null;

        if (progress.Paused)
        {
            // While paused only carrying on, stopping or "it hurts" mean anything.
            command = command switch
            {
                RoutineCommand.Resume or RoutineCommand.Done or RoutineCommand.Repeat => RoutineCommand.Resume,
                RoutineCommand.Stop or RoutineCommand.ItHurts => command,
                _ => RoutineCommand.Pause,
            };
        }

        switch (command)
        {
            case RoutineCommand.ItHurts:
                return await step.EndDialogAsync(RoutineOutcome.Hurt, cancellationToken);
            case RoutineCommand.Stop:
                return await step.EndDialogAsync(RoutineOutcome.Stopped, cancellationToken);
            case RoutineCommand.Done when !_walk.Next(progress):
            case RoutineCommand.Skip when !RoutineWalk.Skip(progress):
                return await step.EndDialogAsync(RoutineOutcome.Finished, cancellationToken);
            case RoutineCommand.Done:
            case RoutineCommand.Skip:
                break;
            case RoutineCommand.Back:
                note = RoutineWalk.AtStart(progress) ? "We're at the very start already.\n\n" : null;
                _walk.Back(progress);
                break;
            case RoutineCommand.Repeat:
                break;
            case RoutineCommand.Pause:
                progress.Paused = true;
                break;
            case RoutineCommand.Resume:
                note = progress.Paused ? "Welcome back. Here's where we were.\n\n" : null;
                progress.Paused = false;
                break;
            default:
                note = $"Sorry, I didn't catch that. We're at {_walk.Where(progress)}. Say done when you're ready for the next step, or repeat, back, skip, pause or stop.\n\n";
                break;
        }

        await RememberAsync(step.Context, await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken), cancellationToken);
        return await step.ReplaceDialogAsync(WalkId, note, cancellationToken);
    }

    private async Task<DialogTurnResult> AfterWalkStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var outcome = StateValues.As<RoutineOutcome>(step.Result);
        data.LeaveRoutine(keepProgress: outcome != RoutineOutcome.Hurt);
        (await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken)).ForgetUnfinishedRoutine();
        step.Values["outcome"] = outcome.ToString();
        if (outcome == RoutineOutcome.Hurt)
        {
            await step.Context.SendActivityAsync(
                "Let's stop the exercises now. Rest in whatever position is most comfortable, and don't push through pain.\n\n"
                + "Mild soreness that settles within a day or two can happen when you start moving again. But if the pain is sharp, "
                + "is getting worse, spreads down your leg, or comes with numbness, tingling or weakness, please get it checked by a doctor.",
                cancellationToken: cancellationToken);
            return await step.EndDialogAsync(RoutineOutcome.Hurt, cancellationToken);
        }

        var opening = outcome == RoutineOutcome.Finished ? "That's the whole routine done. Well done!" : "OK, we'll stop here.";
        return await step.PromptAsync(nameof(PainScorePrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text($"{opening} How is your back now, from 0 (no pain) to 10 (the worst you can imagine)?"),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> ComparePainStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var progress = data.Routine!;
        var after = StateValues.As<int?>(step.Result) ?? throw new InvalidOperationException("The pain prompt ended without a score.");
        progress.PainAfter = after;
        var comparison = $"{progress.PainBefore} before, {after} now.";
        var advice = (after - progress.PainBefore) switch
        {
            < 0 => "That's lower than when we started. Keep moving gently through the day.",
            0 => "About the same as when we started. That's fine: gentle movement often helps over days rather than minutes.",
            _ => "That's higher than when we started. Rest for now, go easier next time, and skip anything that made it worse. "
                + "If it stays worse, or you notice numbness, tingling or weakness, please see a doctor.",
        };
        await step.Context.SendActivityAsync(
            $"{comparison} {advice}\n\nSee a doctor if your back isn't better within four weeks, and get help straight away if any warning sign appears.",
            cancellationToken: cancellationToken);
        return await step.EndDialogAsync(Enum.Parse<RoutineOutcome>(step.Values.GetValue<string>("outcome")!), cancellationToken);
    }

    /// <summary>Keeps where the person is in their profile too, so a later conversation can offer to carry on.</summary>
    private async Task RememberAsync(ITurnContext turnContext, ConversationData data, CancellationToken cancellationToken)
    {
        if (data.Routine is null || data.Outcome is null)
        {
            return;
        }

        var profile = await _userProfile.GetAsync(turnContext, () => new UserProfile(), cancellationToken);
        profile.KeepUnfinishedRoutine(new UnfinishedRoutine(data.Routine, data.Answers, data.Outcome, _clock.GetUtcNow()));
    }

    private async Task<RoutineProgress> ProgressAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        return data.Routine ?? throw new InvalidOperationException("The routine's progress is missing from the conversation data.");
    }
}
