using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Cards;

/// <summary>
/// Builds one Adaptive Card (version 1.5, what Teams renders; Web Chat and the Emulator render it too) as JSON:
/// Markdown text blocks that wrap, pictures with alt text, and at most <see cref="MaxActions"/> actions, each
/// Action.Submit carrying the step it belongs to (see <see cref="CardTap"/>). The AdaptiveCards NuGet package is
/// not used: the card is plain JSON, validated in the tests by the <c>adaptivecards</c> npm parser.
/// </summary>
/// <param name="summary">A plain-text summary, for notifications and chat-list previews.</param>
public sealed class AdaptiveCard(string summary)
{
    /// <summary>The attachment content type of an Adaptive Card.</summary>
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The schema version the cards use: the highest Teams supports.</summary>
    public const string Version = "1.5";

    /// <summary>Teams keeps at most six buttons on a card; every card here stays within it.</summary>
    public const int MaxActions = 6;

    private readonly JArray _body = [];
    private readonly JArray _actions = [];

    /// <summary>Gets the plain-text summary.</summary>
    public string Summary { get; } = summary ?? throw new ArgumentNullException(nameof(summary));

    /// <summary>Adds text: each paragraph (split at blank lines) a wrapping TextBlock, so Markdown lists and bold render.</summary>
    /// <param name="markdown">The text.</param>
    /// <returns>The card, for chaining.</returns>
    public AdaptiveCard Text(string markdown)
    {
        foreach (var block in TextBlocks(markdown))
        {
            _body.Add(block);
        }

        return this;
    }

    /// <summary>Adds text inside a container with a style ("attention" for an emergency, "warning", "emphasis").</summary>
    /// <param name="style">The container style.</param>
    /// <param name="markdown">The text.</param>
    /// <returns>The card, for chaining.</returns>
    public AdaptiveCard StyledText(string style, string markdown)
    {
        _body.Add(new JObject
        {
            ["type"] = "Container",
            ["style"] = style,
            ["bleed"] = true,
            ["items"] = new JArray(TextBlocks(markdown)),
        });
        return this;
    }

    /// <summary>Adds a picture.</summary>
    /// <param name="url">Its absolute URL.</param>
    /// <param name="altText">What it shows, for screen readers.</param>
    /// <returns>The card, for chaining.</returns>
    public AdaptiveCard Image(Uri url, string altText)
    {
        ArgumentNullException.ThrowIfNull(url);
        _body.Add(new JObject
        {
            ["type"] = "Image",
            ["url"] = url.AbsoluteUri,
            ["altText"] = altText,
            ["size"] = "Stretch",
        });
        return this;
    }

    /// <summary>Adds a drop-down of choices with a label and a button that sends the one picked.</summary>
    /// <param name="inputId">The input's id (its value arrives under it in the activity's value).</param>
    /// <param name="label">The label a screen reader reads.</param>
    /// <param name="choices">The choices' titles (each also its value).</param>
    /// <param name="send">The button's title.</param>
    /// <param name="step">The step the answer belongs to.</param>
    /// <returns>The card, for chaining.</returns>
    public AdaptiveCard ChoiceInput(string inputId, string label, IEnumerable<string> choices, string send, string step)
    {
        _body.Add(new JObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = inputId,
            ["label"] = label,
            ["style"] = "compact",
            ["isRequired"] = true,
            ["errorMessage"] = label,
            ["choices"] = new JArray(choices.Select(c => new JObject { ["title"] = c, ["value"] = c })),
        });
        _actions.Add(new JObject
        {
            ["type"] = "Action.Submit",
            ["title"] = send,
            ["style"] = "positive",
            ["data"] = CardTap.Data(step, value: null, input: inputId),
        });
        return this;
    }

    /// <summary>Adds a button that sends <paramref name="value"/> as if typed, for the step it belongs to.</summary>
    /// <param name="title">The button's title (also what Teams shows as the person's message).</param>
    /// <param name="value">What the tap means, read exactly like typed text; the title when <c>null</c>.</param>
    /// <param name="step">The step (question or page) it belongs to; <c>null</c> for a command that works at any turn.</param>
    /// <param name="style">"positive", "destructive" or <c>null</c> for the default.</param>
    /// <returns>The card, for chaining.</returns>
    public AdaptiveCard Submit(string title, string? value = null, string? step = null, string? style = null)
    {
        _actions.Add(SubmitAction(title, value, step, style));
        return this;
    }

    /// <summary>Adds a button that reveals more buttons (an Action.ShowCard), to keep the card within six actions.</summary>
    /// <param name="title">The button's title.</param>
    /// <param name="buttons">The buttons it reveals, each sending its title.</param>
    /// <param name="step">The step they belong to.</param>
    /// <returns>The card, for chaining.</returns>
    public AdaptiveCard More(string title, IEnumerable<string> buttons, string step)
    {
        _actions.Add(new JObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = title,
            ["card"] = new JObject
            {
                ["type"] = "AdaptiveCard",
                ["version"] = Version,
                ["actions"] = new JArray(buttons.Select(b => SubmitAction(b, null, step, null))),
            },
        });
        return this;
    }

    /// <summary>Adds a button that opens a URL (a <c>tel:</c> link calls the number on a phone).</summary>
    /// <param name="title">The button's title.</param>
    /// <param name="url">The URL.</param>
    /// <param name="style">"positive", "destructive" or <c>null</c>.</param>
    /// <returns>The card, for chaining.</returns>
    public AdaptiveCard OpenUrl(string title, string url, string? style = null)
    {
        var action = new JObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };
        if (style is not null)
        {
            action["style"] = style;
        }

        _actions.Add(action);
        return this;
    }

    /// <summary>The card's JSON.</summary>
    /// <returns>The card.</returns>
    /// <exception cref="InvalidOperationException">More than <see cref="MaxActions"/> actions.</exception>
    public JObject ToJson()
    {
        if (_actions.Count > MaxActions)
        {
            throw new InvalidOperationException($"A card has {_actions.Count} actions; Teams keeps at most {MaxActions}.");
        }

        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["fallbackText"] = Summary,
            ["body"] = _body.DeepClone(),
        };
        if (_actions.Count > 0)
        {
            card["actions"] = _actions.DeepClone();
        }

        card["msteams"] = new JObject { ["width"] = "Full" };
        return card;
    }

    /// <summary>The card as a message, with its summary for notifications.</summary>
    /// <returns>The message.</returns>
    public Activity ToActivity()
    {
        var activity = (Activity)MessageFactory.Attachment(new Attachment { ContentType = ContentType, Content = ToJson() });
        activity.Summary = Summary;
        return activity;
    }

    /// <summary>A plain-text summary from Markdown: its first line, without emphasis marks, at most 150 characters.</summary>
    /// <param name="markdown">The text.</param>
    /// <returns>The summary.</returns>
    public static string SummaryOf(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var first = markdown.Replace("\r", string.Empty, StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? string.Empty;
        var plain = first.Replace("**", string.Empty, StringComparison.Ordinal).Replace("__", string.Empty, StringComparison.Ordinal).TrimStart('-', ' ', '#');
        return plain.Length <= 150 ? plain : plain[..147].TrimEnd() + "...";
    }

    private static JObject SubmitAction(string title, string? value, string? step, string? style)
    {
        var sent = value ?? title;
        var data = CardTap.Data(step, sent, input: null);

        // Teams posts a messageBack: the person sees what they tapped, and the bot gets the text and the data (also as
        // the messageBack's own value, which Teams sends as the activity's value).
        data["msteams"] = new JObject { ["type"] = "messageBack", ["displayText"] = title, ["text"] = sent, ["value"] = CardTap.Data(step, sent, input: null) };
        var action = new JObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }

    private static IEnumerable<JObject> TextBlocks(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var paragraphs = markdown.Replace("\r", string.Empty, StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = true;
        foreach (var paragraph in paragraphs)
        {
            var block = new JObject { ["type"] = "TextBlock", ["text"] = paragraph, ["wrap"] = true };
            if (!first)
            {
                block["spacing"] = "Medium";
            }

            first = false;
            yield return block;
        }
    }
}
