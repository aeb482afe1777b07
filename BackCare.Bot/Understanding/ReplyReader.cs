using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads a reply to a triage question the way its row says, with the question's concepts from the content.
/// <c>null</c> means unclear: ask again. A reply with <see cref="Reply.NeedsConfirmation"/> is checked with the
/// person before it is recorded.
/// </summary>
public sealed class ReplyReader(LanguageLayer language, TriageContent content)
{
    private readonly AnswerReader _answers = new(language);
    private readonly ChecklistReader _checklists = new(language);
    private readonly LegReader _legs = new(language);
    private readonly SeverityReader _severity = new(language);
    private readonly DurationReader _duration = new(language);
    private readonly AgeReader _age = new(language);
    private readonly LocationReader _location = new(language);

    /// <summary>Builds the recognisers' regexes, and works out what each lexicon pattern needs of a message, now, off the request path.</summary>
    public void WarmUp()
    {
        language.Lexicon.GatherNeeds();
        _severity.WarmUp();
        _duration.WarmUp();
        _ = _age.Read("61", DateTime.UtcNow);
    }

    /// <summary>Reads a reply.</summary>
    /// <param name="question">The question.</param>
    /// <param name="text">What the person typed.</param>
    /// <param name="now">Today, for dates and birth years.</param>
    /// <returns>The reply, or <c>null</c> when unclear.</returns>
    public Reply? Read(QuestionId question, string? text, DateTime now)
    {
        var row = TriageQuestions.ById(question);
        var concepts = content.Questions[question].Concepts;
        switch (row.Kind)
        {
            case QuestionKind.YesNo:
                var reading = _answers.Read(text, concepts, row.WarningWhenNo ? Answer.No : Answer.Yes);
                return reading.Confirm ? new Reply { NeedsConfirmation = true } : reading.Answer is Answer answer ? new Reply { Answer = answer } : null;

            case QuestionKind.Checklist:
                return _checklists.Read(text, row.Lines);

            case QuestionKind.Duration:
                return _duration.Read(text, now).Days is int days ? new Reply { Number = days, FromWords = !IsButton(question, text) } : null;

            case QuestionKind.Severity:
                return _severity.Read(text) is (int score, bool fromWords) ? new Reply { Number = score, FromWords = fromWords && !IsButton(question, text) } : null;

            case QuestionKind.Age:
                return _age.Read(text, now) is (AgeBand band, bool words) ? new Reply { Age = band, FromWords = words && !IsButton(question, text) } : null;

            case QuestionKind.Location:
                return _location.Read(text) is PainSite site ? new Reply { Site = site } : null;

            case QuestionKind.LegSymptom:
                var legs = _legs.Read(text, concepts);
                if (legs.Confirm)
                {
                    return new Reply { NeedsConfirmation = true, Legs = legs.Which, BelowKnee = legs.BelowKnee };
                }

                return legs.Present is Answer present ? new Reply { Answer = present, Legs = legs.Which, BelowKnee = legs.BelowKnee } : null;

            case QuestionKind.WhichLegs:
                return _legs.ReadWhich(text) is Legs which ? new Reply { Legs = which } : null;

            case QuestionKind.BelowKnee:
                var below = _legs.ReadBelowKnee(text);
                return below.Confirm ? new Reply { NeedsConfirmation = true } : below.Answer is Answer b ? new Reply { Answer = b } : null;

            default:
                throw new ArgumentOutOfRangeException(nameof(question), row.Kind, "Unknown question kind.");
        }
    }

    /// <summary>Reads the reply to a confirmation ("just to check: …?"). A reply that is mixed again counts as not sure.</summary>
    /// <param name="question">The question being confirmed.</param>
    /// <param name="text">What the person typed.</param>
    /// <returns>Yes, no or not sure, or <c>null</c> when unclear.</returns>
    public Answer? ReadConfirmation(QuestionId question, string? text)
    {
        var row = TriageQuestions.ById(question);
        var reading = _answers.Read(text, content.Questions[question].Concepts, row.WarningWhenNo ? Answer.No : Answer.Yes);
        return reading.Confirm ? Answer.NotSure : reading.Answer;
    }

    private bool IsButton(QuestionId question, string? text)
        => text is not null && content.Questions[question].Buttons.Any(b => string.Equals(b, text.Trim(), StringComparison.OrdinalIgnoreCase));
}
