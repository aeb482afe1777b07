using Microsoft.Bot.Builder;

namespace BackCare.Dialogs;

/// <summary>The base of every dialog: a unit of conversation that can be started, continued, resumed and ended.</summary>
public abstract class Dialog
{
    /// <summary>A result that says the dialog is waiting for the user: the turn ends here.</summary>
    public static readonly DialogTurnResult EndOfTurn = new(DialogTurnStatus.Waiting);

    /// <summary>Initializes a new instance of the <see cref="Dialog"/> class.</summary>
    /// <param name="dialogId">The dialog's id, unique within its <see cref="DialogSet"/>; the type name when <c>null</c>.</param>
    protected Dialog(string? dialogId)
    {
        Id = string.IsNullOrWhiteSpace(dialogId) ? GetType().Name : dialogId;
    }

    /// <summary>Gets or sets the dialog's id.</summary>
    public string Id { get; set; }

    /// <summary>
    /// Gets the dialog's version: a text that changes whenever a stored instance of the dialog could no longer be
    /// resumed safely. It is stamped on the instance when the dialog begins and compared on every continue; a
    /// difference raises <see cref="DialogEvents.VersionChanged"/>. By default the dialog's <see cref="Id"/>;
    /// <see cref="WaterfallDialog"/> adds its step count and <see cref="ComponentDialog"/> its inner dialogs' versions.
    /// Override it in a dialog whose stored state depends on more (for example a prompt's kind of value).
    /// </summary>
    /// <returns>The version; must be the same in every process that runs the same code.</returns>
    public virtual string GetVersion() => Id;

    /// <summary>Starts the dialog. It is already on the stack as <see cref="DialogContext.ActiveDialog"/>.</summary>
    /// <param name="dc">The dialog context.</param>
    /// <param name="options">Arguments from the caller; may be <c>null</c>.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default);

    /// <summary>Continues the active dialog with the user's new activity. By default the dialog ends.</summary>
    /// <param name="dc">The dialog context.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>
    /// Resumes the dialog after a dialog it started has ended. By default the dialog ends and passes the result on.
    /// </summary>
    /// <param name="dc">The dialog context.</param>
    /// <param name="reason">Why it resumes.</param>
    /// <param name="result">The ended child's result, if any.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(result, cancellationToken);
    }

    /// <summary>Asks the dialog to repeat its last question. By default nothing is sent.</summary>
    /// <param name="turnContext">The turn context.</param>
    /// <param name="instance">The dialog's instance on the stack.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public virtual Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
        => Task.CompletedTask;

    /// <summary>
    /// Receives an event emitted while this dialog is active (<see cref="DialogContext.EmitEventAsync"/>). First
    /// <see cref="OnPreBubbleEventAsync"/>; then, when not handled and <see cref="DialogEvent.Bubble"/> is set, the
    /// parent context (the dialog that contains this one); then <see cref="OnPostBubbleEventAsync"/>.
    /// </summary>
    /// <param name="dc">The context on whose stack this dialog is active.</param>
    /// <param name="e">The event.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns><c>true</c> when the event was handled here or by a parent.</returns>
    public virtual async Task<bool> OnDialogEventAsync(DialogContext dc, DialogEvent e, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(e);
        var handled = await OnPreBubbleEventAsync(dc, e, cancellationToken).ConfigureAwait(false);
        if (!handled && e.Bubble && dc.Parent is not null)
        {
            handled = await dc.Parent.EmitEventAsync(e.Name, e.Value, true, false, cancellationToken).ConfigureAwait(false);
        }

        if (!handled)
        {
            handled = await OnPostBubbleEventAsync(dc, e, cancellationToken).ConfigureAwait(false);
        }

        return handled;
    }

    /// <summary>Called with an event before the parents see it. Return <c>true</c> to handle it here. By default <c>false</c>.</summary>
    /// <param name="dc">The context on whose stack this dialog is active.</param>
    /// <param name="e">The event.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>Whether the event was handled.</returns>
    protected virtual Task<bool> OnPreBubbleEventAsync(DialogContext dc, DialogEvent e, CancellationToken cancellationToken)
        => Task.FromResult(false);

    /// <summary>Called with an event no parent handled. Return <c>true</c> to handle it here. By default <c>false</c>.</summary>
    /// <param name="dc">The context on whose stack this dialog is active.</param>
    /// <param name="e">The event.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>Whether the event was handled.</returns>
    protected virtual Task<bool> OnPostBubbleEventAsync(DialogContext dc, DialogEvent e, CancellationToken cancellationToken)
        => Task.FromResult(false);

    /// <summary>Called as the dialog leaves the stack, whatever the reason. By default does nothing.</summary>
    /// <param name="turnContext">The turn context.</param>
    /// <param name="instance">The dialog's instance on the stack.</param>
    /// <param name="reason">Why it ends.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public virtual Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
        => Task.CompletedTask;
}
