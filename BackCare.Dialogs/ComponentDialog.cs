using Microsoft.Bot.Builder;

namespace BackCare.Dialogs;

/// <summary>
/// A dialog made of other dialogs, run on an inner stack kept inside its own state. From the outside it is one
/// dialog; inside, <see cref="InitialDialogId"/> starts first (by default the first dialog added).
/// Override <see cref="OnContinueDialogAsync"/> to handle interruptions such as help or cancel before the inner dialogs see a message.
/// </summary>
public class ComponentDialog : Dialog
{
    private const string InnerStateKey = "dialogs";

    private readonly DialogSet _dialogs = new();

    /// <summary>Initializes a new instance of the <see cref="ComponentDialog"/> class.</summary>
    /// <param name="dialogId">The dialog's id; the type name when <c>null</c>.</param>
    public ComponentDialog(string? dialogId = null)
        : base(dialogId)
    {
    }

    /// <summary>Gets or sets the id of the inner dialog that starts first; the first dialog added when not set.</summary>
    public string? InitialDialogId { get; set; }

    /// <summary>Gets the inner dialogs.</summary>
    public DialogSet Dialogs => _dialogs;

    /// <summary>Adds an inner dialog.</summary>
    /// <param name="dialog">The dialog.</param>
    /// <returns>This component, for chaining.</returns>
    public ComponentDialog AddDialog(Dialog dialog)
    {
        _dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    /// <summary>
    /// Gets the component's version: its id and a digest of its inner dialogs' versions (<see cref="DialogSet.GetVersion"/>),
    /// so a step added to any waterfall inside it, or an inner dialog added, removed or renamed, changes it.
    /// </summary>
    /// <returns>The version.</returns>
    public override string GetVersion() => $"{Id}:{_dialogs.GetVersion()}";

    /// <summary>Finds an inner dialog by id.</summary>
    /// <param name="dialogId">The id.</param>
    /// <returns>The dialog, or <c>null</c>.</returns>
    public Dialog? FindDialog(string dialogId) => _dialogs.Find(dialogId);

    /// <inheritdoc/>
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var innerDc = CreateInnerDc(dc, dc.ActiveDialog!);
        var turnResult = await OnBeginDialogAsync(innerDc, options, cancellationToken).ConfigureAwait(false);
        return await AfterInnerTurnAsync(dc, turnResult, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var innerDc = CreateInnerDc(dc, dc.ActiveDialog!);
        var turnResult = await OnContinueDialogAsync(innerDc, cancellationToken).ConfigureAwait(false);
        return await AfterInnerTurnAsync(dc, turnResult, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Called when a dialog started on the outer stack, above this component, has ended. The inner dialogs are
    /// asked to repeat their question and the component keeps waiting.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    /// <inheritdoc/>
    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        var innerDc = CreateInnerDc(turnContext, instance);
        await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        await OnRepromptDialogAsync(turnContext, instance, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (reason == DialogReason.CancelCalled)
        {
            var innerDc = CreateInnerDc(turnContext, instance);
            await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        }

        await OnEndDialogAsync(turnContext, instance, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the inner dialogs. By default begins <see cref="InitialDialogId"/> with the options.</summary>
    /// <param name="innerDc">The inner dialog context.</param>
    /// <param name="options">The component's options.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The inner turn's result.</returns>
    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        if (string.IsNullOrEmpty(InitialDialogId))
        {
            throw new InvalidOperationException($"The component dialog '{Id}' has no inner dialogs to start.");
        }

        return innerDc.BeginDialogAsync(InitialDialogId, options, cancellationToken);
    }

    /// <summary>
    /// Continues the inner dialogs with the new activity. Override to look at the message first (interruptions);
    /// call the base to let the inner dialogs handle it. A non-waiting result ends the component with its result.
    /// </summary>
    /// <param name="innerDc">The inner dialog context.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The inner turn's result.</returns>
    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.ContinueDialogAsync(cancellationToken);
    }

    /// <summary>Called as the component leaves the stack. By default does nothing.</summary>
    /// <param name="context">The turn context.</param>
    /// <param name="instance">The component's instance.</param>
    /// <param name="reason">Why it ends.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    protected virtual Task OnEndDialogAsync(ITurnContext context, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
        => Task.CompletedTask;

    /// <summary>Called after the inner dialogs were asked to reprompt. By default does nothing.</summary>
    /// <param name="turnContext">The turn context.</param>
    /// <param name="instance">The component's instance.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    protected virtual Task OnRepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
        => Task.CompletedTask;

    /// <summary>Ends the component on the outer stack with the inner dialogs' result.</summary>
    /// <param name="outerDc">The outer dialog context.</param>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The outer turn's result.</returns>
    protected virtual Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outerDc);
        return outerDc.EndDialogAsync(result, cancellationToken);
    }

    private async Task<DialogTurnResult> AfterInnerTurnAsync(DialogContext outerDc, DialogTurnResult innerResult, CancellationToken cancellationToken)
    {
        // The inner stack may have emptied because a handler of ours ended the whole conversation's dialogs
        // (CancelAllDialogsAsync(cancelParents: true)): then this component is no longer on the outer stack.
        if (innerResult.Status == DialogTurnStatus.Waiting)
        {
            return innerResult;
        }

        if (!ReferenceEquals(outerDc.ActiveDialog, null) && outerDc.ActiveDialog.Id == Id)
        {
            return await EndComponentAsync(outerDc, innerResult.Result, cancellationToken).ConfigureAwait(false);
        }

        return innerResult;
    }

    /// <summary>Gets the context of the inner stack of the component active in <paramref name="dc"/>.</summary>
    /// <param name="dc">The outer context, whose active dialog is this component.</param>
    /// <returns>The inner context, whose parent is <paramref name="dc"/>.</returns>
    public virtual DialogContext CreateChildContext(DialogContext dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return CreateInnerDc(dc, dc.ActiveDialog ?? throw new InvalidOperationException($"The component dialog '{Id}' is not active in this context."));
    }

    private DialogContext CreateInnerDc(DialogContext outerDc, DialogInstance instance)
        => new(_dialogs, outerDc, ReadInnerState(instance));

    private DialogContext CreateInnerDc(ITurnContext turnContext, DialogInstance instance)
        => new(_dialogs, turnContext, ReadInnerState(instance));

    private static DialogState ReadInnerState(DialogInstance instance)
    {
        instance.State.TryGetValue(InnerStateKey, out var stored);
        var state = stored as DialogState ?? StateValues.As<DialogState>(stored) ?? new DialogState();
        state.DialogStack ??= [];
        instance.State[InnerStateKey] = state;
        return state;
    }
}
