using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Bots;

/// <summary>Removes the bot's @mention from a Teams message, whatever is missing from the activity.</summary>
public static class TeamsMentions
{
    /// <summary>The message text without the mentions of the recipient (the bot), trimmed.</summary>
    /// <param name="activity">The message.</param>
    /// <returns>The text.</returns>
    public static string? WithoutBotMention(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text;
        var botId = activity.Recipient?.Id;
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(botId) || activity.Entities is null)
        {
            return text?.Trim();
        }

        foreach (var entity in activity.Entities)
        {
            if (entity is null || !string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || entity.Properties is not JObject mention)
            {
                continue;
            }

            var mentionedId = (mention["mentioned"] as JObject)?["id"]?.Type == JTokenType.String ? (string?)mention["mentioned"]!["id"] : null;
            var mentionText = mention["text"]?.Type == JTokenType.String ? (string?)mention["text"] : null;
            if (string.Equals(mentionedId, botId, StringComparison.Ordinal) && !string.IsNullOrEmpty(mentionText))
            {
                text = text.Replace(mentionText, string.Empty, StringComparison.Ordinal);
            }
        }

        return text.Trim();
    }
}
