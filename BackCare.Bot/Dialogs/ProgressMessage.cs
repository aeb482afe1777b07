using BackCare.Bot.Progress;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// The progress as a message: the words, and the chart as an inline PNG attachment (a <c>data:</c> URI). Inline,
/// the chart never leaves the conversation: there is no URL another person could open, nothing to expire and
/// nothing stored on the host. Web Chat and the Emulator show it; Teams shows inline images in personal chat.
/// </summary>
public static class ProgressMessage
{
    /// <summary>The chart's content type.</summary>
    public const string PngContentType = "image/png";

    /// <summary>Makes the message.</summary>
    /// <param name="view">The progress.</param>
    /// <returns>The activity.</returns>
    public static IMessageActivity Create(ProgressView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var message = MessageFactory.Text(view.Text);
        if (view.Chart is { } png)
        {
            message.Attachments = [new Attachment(PngContentType, "data:image/png;base64," + Convert.ToBase64String(png), name: view.ChartName)];
        }

        return message;
    }
}
