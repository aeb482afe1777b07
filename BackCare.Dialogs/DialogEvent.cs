namespace BackCare.Dialogs;

/// <summary>An event sent to the active dialog and, unless handled, bubbled to the dialogs that contain it.</summary>
public class DialogEvent
{
    /// <summary>Gets or sets a value indicating whether the event goes on to the parent context when the dialog does not handle it; default <c>false</c>.</summary>
    public bool Bubble { get; set; }

    /// <summary>Gets or sets the event's name, for example <see cref="DialogEvents.VersionChanged"/>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the event's value; <c>null</c> by default.</summary>
    public object? Value { get; set; }
}
