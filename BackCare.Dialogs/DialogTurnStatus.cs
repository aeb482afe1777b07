namespace BackCare.Dialogs;

/// <summary>The state of the dialog stack after a turn of a dialog.</summary>
public enum DialogTurnStatus
{
    /// <summary>The stack is empty: no dialog was running.</summary>
    Empty,

    /// <summary>A dialog is waiting for the user's next message.</summary>
    Waiting,

    /// <summary>The last dialog on the stack completed, possibly with a result.</summary>
    Complete,

    /// <summary>The dialogs on the stack were cancelled.</summary>
    Cancelled,
}
