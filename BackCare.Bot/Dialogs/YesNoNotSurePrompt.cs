using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;

namespace BackCare.Bot.Dialogs;

/// <summary>A yes / no / not sure question outside the triage (its words in <see cref="PromptOptions.Prompt"/>).</summary>
public sealed class YesNoNotSurePrompt() : ClarifyingPrompt<Answer?>(nameof(YesNoNotSurePrompt))
{
    private static readonly string[] Buttons = ["Yes", "No", "Not sure"];

    /// <inheritdoc/>
    protected override Question Describe(PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Question(options.Prompt!.Text, "For example \"yes\", \"no\" or \"not sure\".", Buttons, ButtonsFirst: true);
    }

    /// <inheritdoc/>
    protected override Answer? Read(string? text, PromptOptions options) => AnswerReader.Read(text);
}
