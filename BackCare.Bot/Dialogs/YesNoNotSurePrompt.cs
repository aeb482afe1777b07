using BackCare.Bot.Cards;
using BackCare.Bot.Content;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;

namespace BackCare.Bot.Dialogs;

/// <summary>A yes / no / not sure question outside the triage (its words in <see cref="PromptOptions.Prompt"/>), whose "yes" is the careful answer.</summary>
public sealed class YesNoNotSurePrompt(AnswerReader answers, BotText text, CardSet cards) : ClarifyingPrompt<Answer?>(nameof(YesNoNotSurePrompt), text, cards)
{
    /// <inheritdoc/>
    protected override Question Describe(PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Question(options.Prompt!.Text, Text["yesNoExample"], [Text["button.yes"], Text["button.no"], Text["button.notSure"]], ButtonsFirst: true, Step: "anythingNew");
    }

    /// <inheritdoc/>
    protected override Answer? Read(string? text, PromptOptions options)
    {
        // Asked about something new or worse: a mixed reply counts as "not sure", never as a no.
        var reading = answers.Read(text, Listening.SomethingNew);
        return reading.Confirm ? Answer.NotSure : reading.Answer;
    }
}
