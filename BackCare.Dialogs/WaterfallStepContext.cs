namespace BackCare.Dialogs;

/// <summary>The context of one waterfall step: a <see cref="DialogContext"/> plus what the step needs to know.</summary>
public class WaterfallStepContext : DialogContext
{
    private readonly WaterfallDialog _parentWaterfall;
    private bool _nextCalled;

    internal WaterfallStepContext(WaterfallDialog parentWaterfall, DialogContext dc, object? options, IDictionary<string, object> values, int index, DialogReason reason, object? result)
        : base(dc.Dialogs, dc.Context, new DialogState(dc.Stack))
    {
        _parentWaterfall = parentWaterfall;
        Parent = dc.Parent;
        Options = options;
        Values = values;
        Index = index;
        Reason = reason;
        Result = result;
    }

    /// <summary>Gets the zero-based index of this step.</summary>
    public int Index { get; }

    /// <summary>Gets the options the waterfall was started with.</summary>
    public object? Options { get; }

    /// <summary>Gets why this step runs.</summary>
    public DialogReason Reason { get; }

    /// <summary>Gets the result of the previous step (a prompt's answer, or the value given to <see cref="NextAsync"/>).</summary>
    public object? Result { get; }

    /// <summary>
    /// Gets the values kept for the life of this waterfall instance. They are saved with the dialog state, so use
    /// types that survive JSON and read numbers back with <see cref="StateValues.GetValue{T}"/>.
    /// </summary>
    public IDictionary<string, object> Values { get; }

    /// <summary>Skips to the next step now, passing it <paramref name="result"/>. May be called once per step.</summary>
    /// <param name="result">The value the next step sees as <see cref="Result"/>.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    /// <exception cref="InvalidOperationException">Called twice in one step.</exception>
    public async Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"NextAsync was called more than once in step {Index} of the waterfall '{_parentWaterfall.Id}'.");
        }

        _nextCalled = true;
        return await _parentWaterfall.ResumeDialogAsync(this, DialogReason.NextCalled, result, cancellationToken).ConfigureAwait(false);
    }
}
