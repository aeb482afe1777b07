using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Support;

/// <summary>Builds the activities a channel would send.</summary>
public static class Activities
{
    public static JObject Message(string text, string conversationId, string serviceUrl = "http://127.0.0.1:9", string channelId = "emulator", string userId = "user-1") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = channelId,
        ["serviceUrl"] = serviceUrl,
        ["text"] = text,
        ["timestamp"] = DateTime.UtcNow.ToString("o"),
        ["conversation"] = new JObject { ["id"] = conversationId },
        ["from"] = new JObject { ["id"] = userId, ["name"] = "User", ["role"] = "user" },
        ["recipient"] = new JObject { ["id"] = "backcare-bot", ["name"] = "BackCare", ["role"] = "bot" },
        ["locale"] = "en-US",
    };

    public static JObject ConversationStarted(string conversationId, string serviceUrl, string channelId = "emulator", string userId = "user-1") => new()
    {
        ["type"] = "conversationUpdate",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = channelId,
        ["serviceUrl"] = serviceUrl,
        ["conversation"] = new JObject { ["id"] = conversationId },
        ["from"] = new JObject { ["id"] = userId, ["role"] = "user" },
        ["recipient"] = new JObject { ["id"] = "backcare-bot", ["role"] = "bot" },
        ["membersAdded"] = new JArray(
            new JObject { ["id"] = userId, ["name"] = "User" },
            new JObject { ["id"] = "backcare-bot", ["name"] = "BackCare" }),
    };
}
