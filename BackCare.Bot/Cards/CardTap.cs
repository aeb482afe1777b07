using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Cards;

/// <summary>
/// A tap on a card button: what it means (read exactly like typed text) and the step it belongs to. A card's
/// Action.Submit posts its data as the activity's <c>value</c>, with empty text in Web Chat and the Emulator (Teams
/// adds the text of a messageBack); this reads both, so every reader gets the answer the same way. The step lets
/// a tap on an old card be told apart from a tap on the card of the question being asked now.
/// </summary>
/// <param name="Step">The step the button belongs to; <c>null</c> for a command that works at any turn.</param>
/// <param name="Text">What the tap means, as if typed; <c>null</c> when an input was left empty.</param>
public sealed record CardTap(string? Step, string? Text)
{
    /// <summary>The key under which BackCare's data sits in a button's data.</summary>
    public const string Key = "backcare";

    /// <summary>The data of a button: <c>{ "backcare": { "step": "...", "value": "..." } }</c>.</summary>
    /// <param name="step">The step, or <c>null</c>.</param>
    /// <param name="value">What the tap means, or <c>null</c> when an input's value is sent.</param>
    /// <param name="input">The id of the input whose value is the answer, or <c>null</c>.</param>
    /// <returns>The data.</returns>
    public static JObject Data(string? step, string? value, string? input)
    {
        var data = new JObject();
        if (step is not null)
        {
            data["step"] = step;
        }

        if (value is not null)
        {
            data["value"] = value;
        }

        if (input is not null)
        {
            data["input"] = input;
        }

        return new JObject { [Key] = data };
    }

    /// <summary>Reads a tap from an activity's value; <c>null</c> when the value is not BackCare's.</summary>
    /// <param name="value">The activity's value.</param>
    /// <returns>The tap, or <c>null</c>.</returns>
    public static CardTap? Read(object? value)
    {
        var json = value switch
        {
            JObject o => o,
            string s when s.TrimStart().StartsWith('{') => TryParse(s),
            null => null,
            _ => TryFrom(value),
        };
        if (json?[Key] is not JObject data)
        {
            return null;
        }

        var step = data["step"]?.Type == JTokenType.String ? (string?)data["step"] : null;
        string? text = null;
        if (data["input"]?.Type == JTokenType.String && json[(string)data["input"]!] is JToken entered && entered.Type is JTokenType.String or JTokenType.Integer or JTokenType.Float)
        {
            text = entered.ToString();
        }
        else if (data["value"]?.Type == JTokenType.String)
        {
            text = (string?)data["value"];
        }

        return new CardTap(step, string.IsNullOrWhiteSpace(text) ? null : text);
    }

    /// <summary>The step of the buttons on the cards of an activity the bot sends, if any belong to a step.</summary>
    /// <param name="activity">The activity.</param>
    /// <returns>The step, or <c>null</c>.</returns>
    public static string? StepOf(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity is not IMessageActivity { Attachments: { Count: > 0 } attachments })
        {
            return null;
        }

        foreach (var attachment in attachments.Where(a => a.ContentType == AdaptiveCard.ContentType))
        {
            var card = attachment.Content as JObject ?? TryFrom(attachment.Content);
            var step = card?.SelectTokens("$..data." + Key + ".step").FirstOrDefault();
            if (step?.Type == JTokenType.String)
            {
                return (string?)step;
            }
        }

        return null;
    }

    private static JObject? TryParse(string text)
    {
        try
        {
            return JObject.Parse(text);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    private static JObject? TryFrom(object? value)
    {
        try
        {
            return value is null ? null : JObject.FromObject(value);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
