using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Support;

/// <summary>Reads the Adaptive Cards the bot sends, whether their content is a JObject (as built) or came over the wire.</summary>
public static class SentCards
{
    public const string AdaptiveContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The first Adaptive Card of an activity, or <c>null</c>.</summary>
    public static JObject? Adaptive(Activity? activity)
    {
        var content = activity?.Attachments?.FirstOrDefault(a => a.ContentType == AdaptiveContentType)?.Content;
        return content switch
        {
            JObject json => json,
            null => null,
            _ => JObject.FromObject(content),
        };
    }

    /// <summary>The first Adaptive Card of an activity as it came over the wire, or <c>null</c>.</summary>
    public static JObject? Adaptive(JObject? activity)
        => (activity?["attachments"] as JArray)?.FirstOrDefault(a => (string?)a["contentType"] == AdaptiveContentType)?["content"] as JObject;

    /// <summary>Every text block of a card, in order, one paragraph each.</summary>
    public static string Text(JObject? card)
        => card is null ? string.Empty : string.Join("\n\n", card.SelectTokens("$..[?(@.type == 'TextBlock')].text").Select(t => (string?)t));

    /// <summary>An activity's text, or its card's text.</summary>
    public static string? TextOf(Activity? activity)
        => activity?.Text is { Length: > 0 } text ? text : Adaptive(activity) is { } card ? Text(card) : activity?.Text;

    /// <summary>Every button of a card: its own actions, then those behind a "More" (show card) button.</summary>
    public static List<JObject> Buttons(JObject? card)
    {
        var buttons = new List<JObject>();
        foreach (var action in (card?["actions"] as JArray ?? []).OfType<JObject>())
        {
            buttons.Add(action);
            if ((string?)action["type"] == "Action.ShowCard")
            {
                buttons.AddRange(Buttons(action["card"] as JObject));
            }
        }

        return buttons;
    }

    /// <summary>The titles of the buttons that send something (not "More").</summary>
    public static List<string> SubmitTitles(JObject? card)
        => Buttons(card).Where(b => (string?)b["type"] == "Action.Submit").Select(b => (string)b["title"]!).ToList();

    /// <summary>A tap on a card's button, as Web Chat posts it: no text, the button's data as the value.</summary>
    public static Activity Tap(JObject card, string title, string? conversationId = null)
    {
        var button = Buttons(card).First(b => (string?)b["title"] == title && (string?)b["type"] == "Action.Submit");
        var activity = new Activity(ActivityTypes.Message) { Value = button["data"]!.DeepClone() };
        if (conversationId is not null)
        {
            activity.Conversation = new ConversationAccount(id: conversationId);
        }

        return activity;
    }
}
