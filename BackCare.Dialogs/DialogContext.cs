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

    /// <summary>Gets the context of the active dialog's inner stack when it is a <see cref="ComponentDialog"/>; else <c>null</c>.</summary>
    public DialogContext? Child
        => ActiveDialog is { } instance && FindDialog(instance.Id) is ComponentDialog component ? component.CreateChildContext(this) : null;

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

        Stack.Insert(0, new DialogInstance { Id = dialogId, State = new Dictionary<string, object>(), Version = dialog.GetVersion() });
        StackChanges.Count(Context);
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

    /// <summary>
    /// Continues the active dialog with this turn's activity; <see cref="DialogTurnStatus.Empty"/> when none runs.
    /// </summary>
    /// <remarks>
    /// <para>
    /// First every dialog on this stack (the active one and those waiting beneath it) is checked against the
    /// version stamped when it began (<see cref="Dialog.GetVersion"/>). A dialog whose version differs, which was
    /// saved before versions were stamped, or which is no longer registered, has changed since this conversation
    /// was stored: <see cref="DialogEvents.VersionChanged"/> is emitted (<see cref="EmitEventAsync"/>, bubbling,
    /// with the top-most changed dialog's id as its value), after the stamps were brought up to date.
    /// </para>
    /// <para>
    /// When a dialog handles the event and leaves the stacks as they were, the stored state is taken as still
    /// good and the turn continues normally. When the handler starts, ends, replaces or cancels any dialog, the
    /// message is not passed on (it answered a question the new flow did not ask): the result is
    /// <see cref="DialogTurnStatus.Waiting"/>, or <see cref="DialogTurnStatus.Empty"/> when this stack is now empty.
    /// </para>
    /// <para>
    /// When nobody handles it, the default is to restart safely rather than throw (the official library throws or
    /// carries on into a flow that no longer matches): every dialog on this stack and on its parents' stacks is
    /// cancelled and the result is <see cref="DialogTurnStatus.Empty"/>, so the usual "empty: begin the root dialog"
    /// (as in <see cref="DialogExtensions.RunAsync"/>) starts the conversation's flow again from its first step.
    /// Data the bot keeps outside the dialog stack is untouched. Handle the event to say a word to the person first.
    /// </para>
    /// </remarks>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    /// <exception cref="InvalidOperationException">A handler of <see cref="DialogEvents.VersionChanged"/> left a dialog that is no longer registered active.</exception>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        var afterChange = await CheckForVersionChangeAsync(cancellationToken).ConfigureAwait(false);
        if (afterChange is not null)
        {
            return afterChange;
        }

        var instance = ActiveDialog!;
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

    /// <summary>
    /// Sends an event to the active dialog (<see cref="Dialog.OnDialogEventAsync"/>), which may handle it or let it
    /// bubble to the dialogs that contain it. With no active dialog here, or one no longer registered, a bubbling
    /// event goes straight to the parent context.
    /// </summary>
    /// <param name="name">The event's name, for example <see cref="DialogEvents.VersionChanged"/>.</param>
    /// <param name="value">The event's value; <c>null</c> by default.</param>
    /// <param name="bubble">Whether unhandled, it goes on to the parents; <c>true</c> by default.</param>
    /// <param name="fromLeaf">Whether to start at the innermost active dialog (through <see cref="Child"/>) rather than here; <c>false</c> by default.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns><c>true</c> when a dialog handled the event.</returns>
    public async Task<bool> EmitEventAsync(string name, object? value = null, bool bubble = true, bool fromLeaf = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var dc = this;
        while (fromLeaf && dc.Child is { } child)
        {
            dc = child;
        }

        if (dc.ActiveDialog is { } instance && dc.FindDialog(instance.Id) is { } dialog)
        {
            var e = new DialogEvent { Name = name, Value = value, Bubble = bubble };
            return await dialog.OnDialogEventAsync(dc, e, cancellationToken).ConfigureAwait(false);
        }

        return bubble && dc.Parent is not null
            && await dc.Parent.EmitEventAsync(name, value, true, false, cancellationToken).ConfigureAwait(false);
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
        StackChanges.Count(Context);
    }

    private async Task<DialogTurnResult?> CheckForVersionChangeAsync(CancellationToken cancellationToken)
    {
        DialogInstance? changed = null;
        foreach (var instance in Stack)
        {
            var current = FindDialog(instance.Id)?.GetVersion();
            if (current is null || !string.Equals(current, instance.Version, StringComparison.Ordinal))
            {
                changed ??= instance;
                instance.Version = current;
            }
        }

        if (changed is null)
        {
            return null;
        }

        var changesBefore = StackChanges.Read(Context);
        var handled = await EmitEventAsync(DialogEvents.VersionChanged, changed.Id, true, false, cancellationToken).ConfigureAwait(false);
        if (!handled)
        {
            await CancelAllDialogsAsync(true, cancellationToken).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        if (StackChanges.Read(Context) != changesBefore)
        {
            return ActiveDialog is null ? new DialogTurnResult(DialogTurnStatus.Empty) : Dialog.EndOfTurn;
        }

        return null;
    }

    /// <summary>Counts, per turn, the dialogs started and ended on any stack, so a handler's changes can be seen.</summary>
    private sealed class StackChanges
    {
        /// <summary>Whose record each turn's count is, in the turn's records (<see cref="TurnRecords"/>).</summary>
        private static readonly object Owner = new();

        private int _count;

        public static void Count(ITurnContext context) => Of(context)._count++;

        public static int Read(ITurnContext context) => Of(context)._count;

        private static StackChanges Of(ITurnContext context) => TurnRecords.Of(context).GetOrAdd<StackChanges>(Owner);
    }
}
