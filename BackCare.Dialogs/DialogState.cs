namespace BackCare.Dialogs;

/// <summary>The persisted dialog stack of one conversation (or of one component dialog). The top is index 0.</summary>
public class DialogState
{
    /// <summary>Initializes a new instance of the <see cref="DialogState"/> class with an empty stack.</summary>
    public DialogState()
        : this(null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DialogState"/> class around an existing stack.</summary>
    /// <param name="stack">The stack to use; a new empty one when <c>null</c>.</param>
    public DialogState(List<DialogInstance>? stack)
    {
        DialogStack = stack ?? [];
    }

    /// <summary>Gets or sets the stack; the active dialog is at index 0.</summary>
    public List<DialogInstance> DialogStack { get; set; }
}
