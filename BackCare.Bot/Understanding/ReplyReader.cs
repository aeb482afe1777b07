using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>Reads a reply to a triage question the way its kind needs. <c>null</c> means unclear: ask again.</summary>
public static class ReplyReader
{
    /// <summary>Reads a reply.</summary>
    /// <param name="kind">How the question's answer is read.</param>
    /// <param name="text">What the person typed.</param>
    /// <param name="now">The current time, for durations given as dates.</param>
    /// <param name="words">The question's own phrases and keywords, for replies that are not a plain yes or no.</param>
    /// <returns>The reply, or <c>null</c> when unclear.</returns>
    public static Reply? Read(QuestionKind kind, string? text, DateTime now, AnswerWords? words = null)
    {
        words ??= AnswerWords.None;
        switch (kind)
        {
            case QuestionKind.YesNo:
                return YesNo(text, words) is Answer answer ? new Reply { Answer = answer } : null;

            case QuestionKind.Duration:
                return DurationReader.Read(text, now).Days is int days ? new Reply { Number = days } : null;

            case QuestionKind.Severity:
                return SeverityReader.Read(text) is int score ? new Reply { Number = score } : null;

            case QuestionKind.LegSymptom:
                var legs = LegReader.Read(text);
                var present = legs.Present ?? KeywordAnswerReader.Read(text, words);
                return present is not null ? new Reply { Answer = present.Value, Legs = legs.Which, BelowKnee = legs.BelowKnee } : null;

            case QuestionKind.WhichLegs:
                return LegReader.ReadWhich(text) is Legs which ? new Reply { Legs = which } : null;

            case QuestionKind.BelowKnee:
                var below = LegReader.ReadBelowKnee(text) ?? YesNo(text, words);
                return below is Answer b ? new Reply { Answer = b } : null;

            case QuestionKind.Age:
                return AgeReader.Read(text) is AgeBand age ? new Reply { Age = age } : null;

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown question kind.");
        }
    }

    /// <summary>A plain yes / no / not sure first; then the question's phrases and keywords.</summary>
    private static Answer? YesNo(string? text, AnswerWords words)
    {
        var plain = AnswerReader.Read(text);
        if (plain is not null)
        {
            return plain;
        }

        return KeywordAnswerReader.Read(text, words);
    }
}
