using Microsoft.Bot.Connector;

namespace BackCare.Dialogs.Choices;

/// <summary>What the channels BackCare meets can show.</summary>
public static class Channel
{
    /// <summary>Teams shows only the first three suggested actions.</summary>
    public const int TeamsMaxSuggestedActions = 3;

    /// <summary>Whether the channel shows <paramref name="buttonCount"/> suggested actions, all of them.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="buttonCount">How many buttons.</param>
    /// <returns><c>true</c> when all of them are shown.</returns>
    public static bool SupportsSuggestedActions(string? channelId, int buttonCount = 100) => channelId switch
    {
        Channels.Msteams => buttonCount <= TeamsMaxSuggestedActions,
        Channels.Emulator or Channels.Webchat or Channels.Directline or Channels.Test => buttonCount <= 100,
        Channels.Facebook or Channels.Skype => buttonCount <= 10,
        Channels.Telegram => buttonCount <= 100,
        _ => false,
    };

    /// <summary>Whether the channel shows card buttons.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <returns><c>true</c> for every channel but plain-text ones (SMS).</returns>
    public static bool SupportsCardActions(string? channelId) => channelId is not Channels.Sms;
}
