using BackCare.Dialogs.Choices;
using Microsoft.Bot.Schema;

namespace BackCare.Dialogs;

/// <summary>What a prompt says, what it says on a retry, and what it offers.</summary>
public class PromptOptions
{
    /// <summary>Gets or sets the question. Required.</summary>
    public Activity? Prompt { get; set; }

    /// <summary>Gets or sets what is said when the answer was not understood; the question again when <c>null</c>.</summary>
    public Activity? RetryPrompt { get; set; }

    /// <summary>Gets or sets the choices, for a <see cref="ChoicePrompt"/> (or any prompt that shows buttons).</summary>
    public IList<Choice>? Choices { get; set; }

    /// <summary>Gets or sets how choices are shown; the prompt's own <c>Style</c> (default <see cref="ListStyle.Auto"/>) when <c>null</c>.</summary>
    public ListStyle? Style { get; set; }

    /// <summary>Gets or sets extra data for the prompt's validator (for example, a range).</summary>
    public object? Validations { get; set; }
}
