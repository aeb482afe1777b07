namespace BackCare.Dialogs;

/// <summary>One dialog on the stack: its id and the state it persists between turns.</summary>
public class DialogInstance
{
    /// <summary>Gets or sets the id of the dialog this instance runs.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the dialog's persisted state. Everything in it must survive a JSON round trip through the
    /// bot's <c>IStorage</c>; numbers may come back as <see cref="long"/> (see <see cref="StateValues"/>).
    /// </summary>
    public IDictionary<string, object> State { get; set; } = new Dictionary<string, object>();

    /// <summary>
    /// Gets or sets the version of the dialog when this instance began (<see cref="Dialog.GetVersion"/>), checked on
    /// every continue. <c>null</c> in state saved before versions were stamped, which counts as a change.
    /// </summary>
    public string? Version { get; set; }
}
