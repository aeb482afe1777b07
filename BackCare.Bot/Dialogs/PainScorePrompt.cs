using BackCare.Bot.Understanding;
using BackCare.Dialogs;

namespace BackCare.Bot.Dialogs;

/// <summary>Asks for a pain score from 0 to 10 and understands numbers and words ("4", "seven out of ten", "mild").</summary>
public sealed class PainScorePrompt(SeverityReader severity) : ClarifyingPrompt<int?>(nameof(PainScorePrompt))
{
    private static readonly string[] Bands = ["Mild (1 to 3)", "Moderate (4 to 6)", "Severe (7 or more)"];

    /// <inheritdoc/>
    protected override Question Describe(PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Question(options.Prompt!.Text, "A number from 0 (no pain) to 10 (the worst you can imagine) is best, for example \"4\" or \"seven out of ten\".", Bands, ButtonsFirst: false);
    }

    /// <inheritdoc/>
    protected override int? Read(string? text, PromptOptions options) => severity.Read(text)?.Score;
}
