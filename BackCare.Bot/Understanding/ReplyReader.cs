using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>Reads a reply to a triage question the way its kind needs. <c>null</c> means unclear: ask again.</summary>
public static class ReplyReader
{
    /// <summary>Reads a reply.</summary>
    /// <param name="kind">How the question's answer is read.</param>
    /// <param name="text">What the person typed.</param>
    /// <param name="now">The current time, for durations given as dates.</param>
    /// <returns>The reply, or <c>null</c> when unclear.</returns>
    public static Reply? Read(QuestionKind kind, string? text, DateTime now)
    {
        switch (kind)
        {
            case QuestionKind.YesNo:
                return AnswerReader.Read(text) is Answer answer ? new Reply { Answer = answer } : null;

            case QuestionKind.Duration:
                return DurationReader.Read(text, now).Days is int days ? new Reply { Number = days } : null;

            case QuestionKind.Severity:
                return SeverityReader.Read(text) is int score ? new Reply { Number = score } : null;

            case QuestionKind.LegSymptom:
                var legs = LegReader.Read(text);
                return legs.Present is Answer present ? new Reply { Answer = present, Legs = legs.Which, BelowKnee = legs.BelowKnee } : null;

            case QuestionKind.WhichLegs:
                return LegReader.ReadWhich(text) is Legs which ? new Reply { Legs = which } : null;

            case QuestionKind.BelowKnee:
                var below = LegReader.ReadBelowKnee(text) ?? AnswerReader.Read(text);
                return below is Answer b ? new Reply { Answer = b } : null;

            case QuestionKind.Age:
                return AgeReader.Read(text) is AgeBand age ? new Reply { Age = age } : null;

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown question kind.");
        }
    }
}
