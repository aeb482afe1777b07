using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Dialogs.Choices;

/// <summary>Builds a message that shows a list of choices in a given style.</summary>
public static class ChoiceFactory
{
    /// <summary>Shows the choices the best way the channel allows (see <see cref="ListStyle.Auto"/>).</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="choices">The choices.</param>
    /// <param name="text">The message text.</param>
    /// <returns>The message.</returns>
    public static IMessageActivity ForChannel(string? channelId, IList<Choice> choices, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (Channel.SupportsSuggestedActions(channelId, choices.Count))
        {
            return SuggestedAction(choices, text);
        }

        return Channel.SupportsCardActions(channelId) ? HeroCard(choices, text) : List(choices, text);
    }

    /// <summary>The choices as suggested actions.</summary>
    /// <param name="choices">The choices.</param>
    /// <param name="text">The message text.</param>
    /// <returns>The message.</returns>
    public static IMessageActivity SuggestedAction(IList<Choice> choices, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var message = MessageFactory.Text(text ?? string.Empty);
        message.SuggestedActions = new SuggestedActions { Actions = ToActions(choices) };
        return message;
    }

    /// <summary>The choices as the buttons of a hero card, with the text as the card's text.</summary>
    /// <param name="choices">The choices.</param>
    /// <param name="text">The card text.</param>
    /// <returns>The message.</returns>
    public static IMessageActivity HeroCard(IList<Choice> choices, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var card = new HeroCard { Text = text, Buttons = ToActions(choices) };
        return (IMessageActivity)MessageFactory.Attachment(card.ToAttachment());
    }

    /// <summary>The choices in the text on one line.</summary>
    /// <param name="choices">The choices.</param>
    /// <param name="text">The text before them.</param>
    /// <returns>The message.</returns>
    public static IMessageActivity Inline(IList<Choice> choices, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var items = choices.Select((c, i) => $"({i + 1}) {Title(c)}").ToList();
        var joined = items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
        };
        return MessageFactory.Text($"{text} {joined}".Trim());
    }

    /// <summary>The choices in the text as a numbered list.</summary>
    /// <param name="choices">The choices.</param>
    /// <param name="text">The text before them.</param>
    /// <returns>The message.</returns>
    public static IMessageActivity List(IList<Choice> choices, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var lines = choices.Select((c, i) => $"{i + 1}. {Title(c)}");
        return MessageFactory.Text($"{text}\n\n{string.Join("\n", lines)}".Trim());
    }

    /// <summary>Turns choices into imBack buttons (or the choice's own button).</summary>
    /// <param name="choices">The choices.</param>
    /// <returns>The buttons.</returns>
    public static List<CardAction> ToActions(IEnumerable<Choice> choices)
        => choices.Select(c => c.Action ?? new CardAction(ActionTypes.ImBack, c.Value, value: c.Value)).ToList();

    private static string Title(Choice choice) => choice.Action?.Title ?? choice.Value;
}
