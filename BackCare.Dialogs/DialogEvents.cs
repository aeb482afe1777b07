namespace BackCare.Dialogs;

/// <summary>The names of the events the engine itself raises through <see cref="DialogContext.EmitEventAsync"/>.</summary>
public static class DialogEvents
{
    /// <summary>
    /// Raised on continue when a dialog on the stack has a version other than the one stamped when it began
    /// (see <see cref="Dialog.GetVersion"/>). The event's value is the changed dialog's id.
    /// </summary>
    public const string VersionChanged = "versionChanged";
}
