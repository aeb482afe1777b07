using Microsoft.Bot.Builder;

namespace BackCare.Dialogs;

/// <summary>Runs a dialog as the root of a conversation.</summary>
public static class DialogExtensions
{
    /// <summary>
    /// Continues <paramref name="dialog"/> if it is running in this conversation, or starts it. State is loaded
    /// through <paramref name="accessor"/>; saving it is the caller's job (the bot saves once per turn).
    /// </summary>
    /// <param name="dialog">The root dialog.</param>
    /// <param name="turnContext">The turn context.</param>
    /// <param name="accessor">The accessor for the conversation's dialog stack.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The turn's result.</returns>
    public static async Task<DialogTurnResult> RunAsync(this Dialog dialog, ITurnContext turnContext, IStatePropertyAccessor<DialogState> accessor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        var dialogSet = new DialogSet(accessor);
        dialogSet.Add(dialog);
        var dc = await dialogSet.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Empty)
        {
            result = await dc.BeginDialogAsync(dialog.Id, null, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
