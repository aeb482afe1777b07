using BackCare.Bot.Cards;
using BackCare.Bot.Content;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;

namespace BackCare.Bot.Dialogs;

/// <summary>Asks for a pain score from 0 to 10, with 0 to 10 as quick answers, and understands numbers and words ("4", "seven out of ten", "mild").</summary>
public sealed class PainScorePrompt(SeverityReader severity, BotText text, CardSet cards) : ClarifyingPrompt<int?>(nameof(PainScorePrompt), text, cards)
{
    /// <inheritdoc/>
    protected override Question Describe(PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Question(options.Prompt!.Text, Text["painExample"], [Text["painBand.mild"], Text["painBand.moderate"], Text["painBand.severe"]], ButtonsFirst: false, Step: "painAfter", PainScale: true);
    }

    /// <inheritdoc/>
    protected override int? Read(string? text, PromptOptions options) => severity.Read(text)?.Score;
}
