using Microsoft.Bot.Schema;

namespace BackCare.Dialogs.Choices;

/// <summary>An option offered to the user: its value, an optional button, and other words that choose it.</summary>
public class Choice
{
    /// <summary>Initializes a new instance of the <see cref="Choice"/> class.</summary>
    /// <param name="value">The value returned when the choice is picked; also its default button title.</param>
    public Choice(string? value = null)
    {
        Value = value ?? string.Empty;
    }

    /// <summary>Gets or sets the value returned when the choice is picked.</summary>
    public string Value { get; set; }

    /// <summary>Gets or sets the button shown for the choice; when <c>null</c> an imBack button titled <see cref="Value"/>.</summary>
    public CardAction? Action { get; set; }

    /// <summary>Gets or sets other words or phrases that pick this choice.</summary>
    public List<string>? Synonyms { get; set; }
}
