using BackCare.Bot.Bots;
using BackCare.Bot.Cards;
using BackCare.Bot.Content;
using BackCare.Bot.Exercises;
using BackCare.Bot.Progress;
using BackCare.Bot.Proactive;
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

    private readonly IStatePropertyAccessor<ConversationData> _conversationData;
    private readonly IStatePropertyAccessor<UserProfile> _userProfile;
    private readonly TimeProvider _clock;
    private readonly ExerciseCatalogue _catalogue;
    private readonly RoutineBuilder _builder;
    private readonly RoutineWalk _walk;
    private readonly ProgressReport _progress;

    private readonly CommandReader _commands;

    private readonly BotText _text;

    private readonly ConversationTimers _timers;

    public RoutineDialog(IStatePropertyAccessor<ConversationData> conversationData, IStatePropertyAccessor<UserProfile> userProfile, TimeProvider clock, ExerciseCatalogue catalogue, CommandReader commands, SeverityReader severity, BotText text, ProgressReport progress, ConversationTimers timers, CardSet cards)
        : base(nameof(RoutineDialog))
    {
        _progress = progress;
        _timers = timers;
        _conversationData = conversationData;
        _userProfile = userProfile;
        _clock = clock;
        _catalogue = catalogue;
        _builder = new RoutineBuilder(catalogue);
        _walk = new RoutineWalk(catalogue, text);
        _text = text;

        AddDialog(new WaterfallDialog(nameof(RoutineDialog), [ShowPlanStepAsync, StartStepAsync, AfterWalkStepAsync, ComparePainStepAsync]));
        AddDialog(new WaterfallDialog(WalkId, [ShowPageStepAsync, HandleCommandStepAsync]));
        AddDialog(new ConfirmPrompt(nameof(ConfirmPrompt))
        {
            ConfirmChoices = (new Choice(text["button.startRoutine"]) { Synonyms = ["start", "go", "ok", "sure"] }, new Choice(text["button.notNow"]) { Synonyms = ["later", "no"] }),
        });
        AddDialog(new RoutinePagePrompt(conversationData, cards));
        AddDialog(new PainScorePrompt(severity, text, cards));
        _commands = commands;
        InitialDialogId = nameof(RoutineDialog);
    }

    /// <summary>The names of the commands offered at each step, in order (on the card: Done, Repeat, It hurts and Stop, the rest behind "More").</summary>
    public static IReadOnlyList<string> StepButtons { get; } = ["button.done", "button.repeat", "button.back", "button.skip", "button.itHurts", "button.pause", "button.stop"];

    /// <summary>The name of the button shown first on a page that has something to time (<see cref="RoutineWalk.TimerSeconds"/>).</summary>
    public const string TimerButton = "button.startTimer";

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

        var lines = routine.ExerciseIds.Select((id, i) => _text.Format("plan.line", ("n", i + 1), ("name", _catalogue[id].Name), ("kind", _text["kind." + _catalogue[id].Kind])));
        var intro = routine.OnceDoctorAgrees ? _text["plan.onceDoctorAgrees"] : _text["plan.intro"];
        intro += request.Progression switch
        {
            > 0 => _text["plan.builtUp"],
            < 0 => _text["plan.eased"],
            _ => string.Empty,
        };
        var plan = _text.Format("plan", ("intro", intro), ("count", routine.ExerciseIds.Count), ("minutes", routine.EstimatedMinutes), ("lines", string.Join("\n", lines)));
        return await step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(plan),
            RetryPrompt = MessageFactory.Text(_text["plan.retry"]),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> StartStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        if (step.Result is not true)
        {
            data.LeaveRoutine(keepProgress: false);
            await step.Context.SendActivityAsync(CardSet.Commands(_text["plan.later"], _text["button.startOver"], _text["button.summary"]), cancellationToken);
            return await step.EndDialogAsync(RoutineOutcome.NotStarted, cancellationToken);
        }

        data.EnterRoutine();
        await RememberAsync(step.Context, data, cancellationToken);
        return await step.BeginDialogAsync(WalkId, null, cancellationToken);
    }

    private async Task<DialogTurnResult> ShowPageStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        // The card is made from the progress each time it is shown (see RoutinePagePrompt): only the note is kept.
        return await step.PromptAsync(RoutinePagePrompt.DialogId, RoutinePagePrompt.OptionsFor(StateValues.As<string>(step.Options)), cancellationToken);
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
            case RoutineCommand.Done when !Next(progress):
            case RoutineCommand.Skip when !Skip(progress):
                return await step.EndDialogAsync(RoutineOutcome.Finished, cancellationToken);
            case RoutineCommand.Done:
            case RoutineCommand.Skip:
                break;
            case RoutineCommand.Back:
                note = RoutineWalk.AtStart(progress) ? _text["walk.atStart"] : null;
                _walk.Back(progress);
                break;
            case RoutineCommand.Repeat:
                break;
            case RoutineCommand.StartTimer when _walk.TimerSeconds(progress) is int seconds:
                _timers.Start(step.Context, await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken), seconds);
                note = _text.Format("timer.started", ("seconds", seconds));
                break;
            case RoutineCommand.StartTimer:
                note = _text["timer.none"];
                break;
            case RoutineCommand.Pause:
                progress.Paused = true;
                break;
            case RoutineCommand.Resume:
                note = progress.Paused ? _text["walk.welcomeBack"] : null;
                progress.Paused = false;
                break;
            default:
                note = _text.Format("walk.notUnderstood", ("where", _walk.Where(progress)));
                break;
        }

        await RememberAsync(step.Context, await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken), cancellationToken);
        return await step.ReplaceDialogAsync(WalkId, note, cancellationToken);
    }

    private async Task<DialogTurnResult> AfterWalkStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var outcome = StateValues.As<RoutineOutcome>(step.Result);
        var profile = await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken);
        if (outcome == RoutineOutcome.Hurt && data.Routine is { } hurt)
        {
            // Recorded without a score after: the next routine eases.
            profile.RecordSession(new RoutineSession(_clock.GetUtcNow(), hurt.PainBefore, null, hurt.Done, hurt.Skipped, SessionEnd.Hurt));
        }

        data.LeaveRoutine(keepProgress: outcome != RoutineOutcome.Hurt);
        profile.ForgetUnfinishedRoutine();
        step.Values["outcome"] = outcome.ToString();
        if (outcome == RoutineOutcome.Hurt)
        {
            await step.Context.SendActivityAsync(_text["routine.hurt"], cancellationToken: cancellationToken);
            return await step.EndDialogAsync(RoutineOutcome.Hurt, cancellationToken);
        }

        var opening = outcome == RoutineOutcome.Finished ? _text["routine.finished"] : _text["routine.stopped"];
        return await step.PromptAsync(nameof(PainScorePrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(_text.Format("routine.painAfter", ("opening", opening))),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> ComparePainStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(step.Context, () => new ConversationData(), cancellationToken);
        var progress = data.Routine!;
        var after = StateValues.As<int?>(step.Result) ?? throw new InvalidOperationException("The pain prompt ended without a score.");
        progress.PainAfter = after;
        data.NotePain(after);
        var advice = (after - progress.PainBefore) switch
        {
            < 0 => _text["routine.lower"],
            0 => _text["routine.same"],
            _ => _text["routine.higher"],
        };
        await step.Context.SendActivityAsync(
            _text.Format("routine.comparison", ("before", progress.PainBefore), ("after", after), ("advice", advice)),
            cancellationToken: cancellationToken);

        // The session goes into the person's history, and the end of each session shows the trend.
        var outcome = Enum.Parse<RoutineOutcome>(step.Values.GetValue<string>("outcome")!);
        var profile = await _userProfile.GetAsync(step.Context, () => new UserProfile(), cancellationToken);
        var end = outcome == RoutineOutcome.Finished ? SessionEnd.Finished : SessionEnd.Stopped;
        profile.RecordSession(new RoutineSession(_clock.GetUtcNow(), progress.PainBefore, after, progress.Done, progress.Skipped, end));
        var trend = ProgressMessage.Create(_progress.Describe(profile.Sessions));

        // The routine's end is no dead end: the summary and a fresh check a tap away.
        trend.SuggestedActions = CardSet.Commands(string.Empty, _text["button.summary"], _text["button.startOver"]).SuggestedActions;
        await step.Context.SendActivityAsync(trend, cancellationToken);
        return await step.EndDialogAsync(outcome, cancellationToken);
    }

    /// <summary>The next page; an exercise whose last page is passed counts as done.</summary>
    private bool Next(RoutineProgress progress)
    {
        var exercise = progress.Exercise;
        var more = _walk.Next(progress);
        if (!more || progress.Exercise != exercise)
        {
            progress.MarkDone(exercise);
        }

        return more;
    }

    /// <summary>The next exercise; the one left counts as skipped.</summary>
    private static bool Skip(RoutineProgress progress)
    {
        progress.MarkSkipped(progress.Exercise);
        return RoutineWalk.Skip(progress);
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
