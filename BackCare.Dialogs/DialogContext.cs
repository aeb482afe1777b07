using Microsoft.Bot.Builder;

namespace BackCare.Dialogs;

/// <summary>Runs a dialog stack for the current turn: starts, continues, ends, replaces and cancels dialogs.</summary>
public class DialogContext
{
    /// <summary>Initializes a new instance of the <see cref="DialogContext"/> class.</summary>
    /// <param name="dialogs">The dialogs that can be started from this context.</param>
    /// <param name="turnContext">The turn context.</param>
    /// <param name="state">The stack to run.</param>
    public DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state)
    {
        Dialogs = dialogs ?? throw new ArgumentNullException(nameof(dialogs));
        Context = turnContext ?? throw new ArgumentNullException(nameof(turnContext));
        ArgumentNullException.ThrowIfNull(state);
        state.DialogStack ??= [];
        Stack = state.DialogStack;
    }

    /// <summary>Initializes a new instance of the <see cref="DialogContext"/> class inside a parent context (a component's inner stack).</summary>
    /// <param name="dialogs">The dialogs that can be started from this context.</param>
    /// <param name="parentDialogContext">The parent context; its dialogs are searched when an id is not found here.</param>
    /// <param name="state">The stack to run.</param>
    public DialogContext(DialogSet dialogs, DialogContext parentDialogContext, DialogState state)
        : this(dialogs, (parentDialogContext ?? throw new ArgumentNullException(nameof(parentDialogContext))).Context, state)
    {
        Parent = parentDialogContext;
    }

    /// <summary>Gets the dialogs this context can start.</summary>
    public DialogSet Dialogs { get; }

    /// <summary>Gets the turn context.</summary>
    public ITurnContext Context { get; }

    /// <summary>Gets the stack; the active dialog is at index 0.</summary>
    public List<DialogInstance> Stack { get; }

    /// <summary>Gets or sets the parent context, for a component's inner stack; <c>null</c> at the root.</summary>
    public DialogContext? Parent { get; set; }

    /// <summary>Gets the dialog on top of the stack, or <c>null</c> when the stack is empty.</summary>
    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[0] : null;

    /// <summary>Pushes a dialog onto the stack and starts it.</summary>
    /// <param name="dialogId">The id of the dialog to start (searched here, then in parents).</param>
    /// <param name="options">Arguments for the dialog.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    /// <exception cref="ArgumentException">No dialog has that id.</exception>
    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialogId);
        var dialog = FindDialog(dialogId)
            ?? throw new ArgumentException($"No dialog with the id '{dialogId}' was found in this dialog set or its parents.", nameof(dialogId));

        Stack.Insert(0, new DialogInstance { Id = dialogId, State = new Dictionary<string, object>() });
        return await dialog.BeginDialogAsync(this, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a prompt. The same as <see cref="BeginDialogAsync"/>, with options required.</summary>
    /// <param name="dialogId">The prompt's id.</param>
    /// <param name="options">The prompt's options.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Continues the active dialog with this turn's activity; <see cref="DialogTurnStatus.Empty"/> when none runs.</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    /// <exception cref="InvalidOperationException">The stack names a dialog that is no longer registered.</exception>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        var instance = ActiveDialog;
        if (instance is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        var dialog = FindDialog(instance.Id)
            ?? throw new InvalidOperationException($"The active dialog '{instance.Id}' is not registered; was the bot's dialog set changed?");
        return await dialog.ContinueDialogAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the active dialog and resumes its parent with <paramref name="result"/>. When the stack becomes empty
    /// the status is <see cref="DialogTurnStatus.Complete"/> with the result.
    /// </summary>
    /// <param name="result">The ending dialog's result.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken).ConfigureAwait(false);

        var parent = ActiveDialog;
        if (parent is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Complete, result);
        }

        var dialog = FindDialog(parent.Id)
            ?? throw new InvalidOperationException($"Cannot resume the dialog '{parent.Id}': it is not registered.");
        return await dialog.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels every dialog on this stack, top first.</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns><see cref="DialogTurnStatus.Cancelled"/> when something was cancelled, else <see cref="DialogTurnStatus.Empty"/>.</returns>
    public Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
        => CancelAllDialogsAsync(false, cancellationToken);

    /// <summary>Cancels every dialog on this stack and, when asked, on every parent stack too.</summary>
    /// <param name="cancelParents">Whether the parents' stacks are emptied as well.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns><see cref="DialogTurnStatus.Cancelled"/> when something was cancelled, else <see cref="DialogTurnStatus.Empty"/>.</returns>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(bool cancelParents, CancellationToken cancellationToken = default)
    {
        var cancelled = false;
        var dc = this;
        while (dc is not null)
        {
            while (dc.Stack.Count > 0)
            {
                await dc.EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken).ConfigureAwait(false);
                cancelled = true;
            }

            dc = cancelParents ? dc.Parent : null;
        }

        return new DialogTurnResult(cancelled ? DialogTurnStatus.Cancelled : DialogTurnStatus.Empty);
    }

    /// <summary>Ends the active dialog and starts another in its place, without resuming the parent.</summary>
    /// <param name="dialogId">The id of the dialog to start.</param>
    /// <param name="options">Arguments for it.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken).ConfigureAwait(false);
        return await BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the active dialog to repeat its question.</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        var instance = ActiveDialog;
        if (instance is null)
        {
            return;
        }

        var dialog = FindDialog(instance.Id)
            ?? throw new InvalidOperationException($"Cannot reprompt the dialog '{instance.Id}': it is not registered.");
        await dialog.RepromptDialogAsync(Context, instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds a dialog by id, here first, then in the parents' sets.</summary>
    /// <param name="dialogId">The id.</param>
    /// <returns>The dialog, or <c>null</c>.</returns>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        var instance = ActiveDialog;
        if (instance is null)
        {
            return;
        }

        var dialog = FindDialog(instance.Id);
        if (dialog is not null)
        {
            await dialog.EndDialogAsync(Context, instance, reason, cancellationToken).ConfigureAwait(false);
        }

        Stack.RemoveAt(0);
    }
}
