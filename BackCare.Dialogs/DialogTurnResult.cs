namespace BackCare.Dialogs;

/// <summary>What a dialog operation left behind: the stack's status and, when a dialog ended, its result.</summary>
/// <param name="status">The stack's status.</param>
/// <param name="result">The result of the dialog that ended, if any; <c>null</c> by default.</param>
public class DialogTurnResult(DialogTurnStatus status, object? result = null)
{
    /// <summary>Gets the stack's status.</summary>
    public DialogTurnStatus Status { get; } = status;

    /// <summary>Gets the result returned by a dialog that ended, or <c>null</c>.</summary>
    public object? Result { get; } = result;

    /// <summary>Gets or sets a value indicating whether a parent dialog has ended too (kept for API compatibility).</summary>
    public bool ParentEnded { get; set; }
}
