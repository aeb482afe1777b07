namespace BackCare.Dialogs;

/// <summary>Why a dialog is being started, resumed or ended.</summary>
public enum DialogReason
{
    /// <summary>The dialog was started with <see cref="DialogContext.BeginDialogAsync"/>.</summary>
    BeginCalled,

    /// <summary>The dialog is continued with <see cref="DialogContext.ContinueDialogAsync"/>.</summary>
    ContinueCalled,

    /// <summary>The dialog ended with <see cref="DialogContext.EndDialogAsync"/>.</summary>
    EndCalled,

    /// <summary>The dialog is being replaced with <see cref="DialogContext.ReplaceDialogAsync"/>.</summary>
    ReplaceCalled,

    /// <summary>The dialog was cancelled by <see cref="DialogContext.CancelAllDialogsAsync(CancellationToken)"/>.</summary>
    CancelCalled,

    /// <summary>A waterfall step called <see cref="WaterfallStepContext.NextAsync"/>.</summary>
    NextCalled,
}
