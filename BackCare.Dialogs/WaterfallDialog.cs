namespace BackCare.Dialogs;

/// <summary>A dialog made of steps run in order; each step usually asks one question and the next receives the answer.</summary>
public class WaterfallDialog : Dialog
{
    private const string OptionsKey = "options";
    private const string ValuesKey = "values";
    private const string StepIndexKey = "stepIndex";
    private const string InstanceIdKey = "instanceId";

    private readonly List<WaterfallStep> _steps;

    /// <summary>Initializes a new instance of the <see cref="WaterfallDialog"/> class.</summary>
    /// <param name="dialogId">The dialog's id.</param>
    /// <param name="steps">The steps, in order; more can be added with <see cref="AddStep"/>.</param>
    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep>? steps = null)
        : base(dialogId)
    {
        _steps = steps?.ToList() ?? [];
    }

    /// <summary>Gets the number of steps.</summary>
    public int StepCount => _steps.Count;

    /// <summary>
    /// Gets the waterfall's version, <c>id:stepCount</c> as in the official library: adding or removing a step
    /// changes it, so a conversation stored mid-waterfall is not resumed one step off (see
    /// <see cref="DialogContext.ContinueDialogAsync"/>). Changing what a step does without changing the count does
    /// not: rename the waterfall's id for such a change when stored conversations could not go on safely.
    /// </summary>
    /// <returns>The version.</returns>
    public override string GetVersion() => $"{Id}:{_steps.Count}";

    /// <summary>Adds a step at the end.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This waterfall, for chaining.</returns>
    public WaterfallDialog AddStep(WaterfallStep step)
    {
        _steps.Add(step ?? throw new ArgumentNullException(nameof(step)));
        return this;
    }

    /// <inheritdoc/>
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = dc.ActiveDialog!.State;
        state[OptionsKey] = options!;
        state[ValuesKey] = new Dictionary<string, object>();
        state[InstanceIdKey] = Guid.NewGuid().ToString();
        return await RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues with the user's message as the current step's result. Other activity types are ignored.</summary>
    /// <param name="dc">The dialog context.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (dc.Context.Activity.Type != Microsoft.Bot.Schema.ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        return await ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the step after the stored one with <paramref name="result"/>. A stored step index that is not a number,
    /// or whose next step does not exist (a waterfall shortened since it was stored, or a damaged store), ends the
    /// waterfall with the result, as running past the last step does; it never throws.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var next = ReadStepIndex(dc.ActiveDialog!.State) + 1;
        var index = next >= 0 && next < _steps.Count ? (int)next : _steps.Count;
        return await RunStepAsync(dc, index, reason, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one step. Override to wrap every step (for example, to record which step runs).</summary>
    /// <param name="stepContext">The step's context.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The step's result.</returns>
    protected virtual Task<DialogTurnResult> OnStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stepContext);
        return _steps[stepContext.Index](stepContext, cancellationToken);
    }

    private async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            // Past the last step: the waterfall ends with the last step's result.
            return await dc.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
        }

        var state = dc.ActiveDialog!.State;
        state[StepIndexKey] = index;
        var values = ReadValues(state);
        state.TryGetValue(OptionsKey, out var options);
        var stepContext = new WaterfallStepContext(this, dc, options, values, index, reason, result);
        return await OnStepAsync(stepContext, cancellationToken).ConfigureAwait(false);
    }

    private static long ReadStepIndex(IDictionary<string, object> state)
    {
        if (!state.TryGetValue(StepIndexKey, out var stored) || stored is null)
        {
            return 0;
        }

        try
        {
            return StateValues.As<long>(stored);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            return long.MaxValue - 1;
        }
    }

    private static IDictionary<string, object> ReadValues(IDictionary<string, object> state)
    {
        if (state.TryGetValue(ValuesKey, out var stored) && stored is IDictionary<string, object> values)
        {
            return values;
        }

        // A store that drops type names gives back a JObject: make it a dictionary again and keep it.
        var converted = StateValues.As<Dictionary<string, object>>(stored) ?? [];
        state[ValuesKey] = converted;
        return converted;
    }
}
