namespace BackCare.Dialogs;

/// <summary>One step of a <see cref="WaterfallDialog"/>.</summary>
/// <param name="stepContext">The step's context: the previous step's result, the options and the values.</param>
/// <param name="cancellationToken">A cancellation token.</param>
/// <returns>The turn's result: usually a prompt (waiting), <see cref="WaterfallStepContext.NextAsync"/>, or an end.</returns>
public delegate Task<DialogTurnResult> WaterfallStep(WaterfallStepContext stepContext, CancellationToken cancellationToken);
