using System.Globalization;
using System.Text;

namespace BackCare.Bot.Triage;

/// <summary>Turns an outcome and the answers into the words the person reads: the advice, read-backs, and a handover summary.</summary>
/// <param name="content">The triage content.</param>
/// <param name="emergencyNumber">The local emergency number.</param>
/// <param name="urgentAdvice">Where to get same-day advice locally.</param>
public sealed class TriageReport(TriageContent content, string emergencyNumber, string urgentAdvice)
{
    /// <summary>The advice for an outcome: what to do now, why, when to get help sooner, and that it is not a diagnosis.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The message text (Markdown that Teams and Web Chat both render).</returns>
    public string Advice(TriageOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.UnderSixteen)
        {
            return Fill(content.Phrase("underSixteen")) + "\n\n" + content.Phrase("notADiagnosis");
        }

        var text = content.Dispositions[outcome.Level];
        var message = new StringBuilder()
            .AppendLine(Fill(text.Headline))
            .AppendLine();
        AppendReasons(message, content.Phrase("reasonsIntro"), outcome.Reasons, content.Phrase("summaryBecause"));
        AppendReasons(message, content.Phrase("otherConcernsIntro"), outcome.OtherConcerns, "{reason}");
        message.AppendLine(Fill(text.Next)).AppendLine().Append(content.Phrase("notADiagnosis"));
        return message.ToString();
    }

    /// <summary>Why, in words: "you told me ..." or "you weren't sure whether ...".</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The words.</returns>
    public string Because(Reason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var template = content.Phrase(reason.FromNotSure ? "reasonNotSure" : "reasonSaid");
        return template.Replace("{reason}", content.Reasons[reason.Flag], StringComparison.Ordinal);
    }

    /// <summary>"I've noted that you have a fever.": a sign heard in passing.</summary>
    /// <param name="sign">The sign.</param>
    /// <returns>The words.</returns>
    public string Noted(RedFlag sign) => content.Phrase("signNoted").Replace("{reason}", content.Reasons[sign], StringComparison.Ordinal);

    /// <summary>"I've noted about 8 out of 10.": what was read from words, so the person can correct it.</summary>
    /// <param name="question">The question.</param>
    /// <param name="answers">The answers, with the reply recorded.</param>
    /// <returns>The words.</returns>
    public string ReadBack(QuestionId question, TriageAnswers answers)
        => content.Phrase("readBack").Replace("{value}", Describe(question, answers) ?? string.Empty, StringComparison.Ordinal);

    /// <summary>"Thanks, I've changed that to about 5 out of 10.".</summary>
    /// <param name="question">The question.</param>
    /// <param name="answers">The answers, with the correction recorded.</param>
    /// <returns>The words.</returns>
    public string Corrected(QuestionId question, TriageAnswers answers)
        => content.Phrase("corrected").Replace("{value}", Describe(question, answers) ?? string.Empty, StringComparison.Ordinal);

    /// <summary>A plain-text summary of the answers (with the person's own words where they typed them) and the outcome, to show a doctor.</summary>
    /// <param name="answers">The answers so far.</param>
    /// <param name="outcome">The outcome, when the triage is finished.</param>
    /// <param name="said">What the person typed, per question, where it was read from words.</param>
    /// <returns>The summary.</returns>
    public string Summary(TriageAnswers answers, TriageOutcome? outcome, IReadOnlyDictionary<QuestionId, string>? said = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var lines = new List<string> { content.Phrase("summaryTitle") };
        foreach (var row in TriageQuestions.All.Where(r => r.Kind != QuestionKind.Checklist))
        {
            if (Describe(row.Id, answers) is not { } value)
            {
                continue;
            }

            var words = said is not null && said.TryGetValue(row.Id, out var typed)
                ? " " + content.Phrase("summaryYouSaid").Replace("{words}", typed, StringComparison.Ordinal)
                : string.Empty;
            lines.Add($"- {content.Questions[row.Id].Summary}: {value}{words}");
        }

        if (lines.Count == 1)
        {
            lines.Add("- " + content.Phrase("summaryNoAnswers"));
        }

        if (outcome is not null)
        {
            lines.Add(string.Empty);
            lines.Add(content.Phrase("summaryResult").Replace("{result}", Name(outcome.Level), StringComparison.Ordinal));
            lines.AddRange(outcome.Reasons.Select(r => "- " + content.Phrase("summaryBecause").Replace("{reason}", Because(r), StringComparison.Ordinal)));
            lines.AddRange(outcome.OtherConcerns.Select(r => "- " + content.Phrase("summaryAlso").Replace("{reason}", Because(r), StringComparison.Ordinal)));
        }

        return string.Join("\n", lines);
    }

    /// <summary>The disposition's name as the person reads it.</summary>
    /// <param name="level">The disposition.</param>
    /// <returns>The name.</returns>
    public string Name(Disposition level) => content.Phrase($"level.{level}");

    /// <summary>A duration in words.</summary>
    /// <param name="days">Days.</param>
    /// <returns>The words.</returns>
    public string DescribeDuration(int days) => days switch
    {
        0 => content.Phrase("duration.today"),
        1 => content.Phrase("duration.day"),
        < 14 => Count("duration.days", days),
        < 60 => Count("duration.weeks", (int)Math.Round(days / 7.0)),
        < 365 => Count("duration.months", (int)Math.Round(days / 30.0)),
        _ => content.Phrase("duration.year"),
    };

    /// <summary>The recorded answer to a question, in words; <c>null</c> when not answered.</summary>
    /// <param name="question">The question.</param>
    /// <param name="answers">The answers.</param>
    /// <returns>The words.</returns>
    public string? Describe(QuestionId question, TriageAnswers answers)
    {
        var row = TriageQuestions.ById(question);
        return row.Value(answers) switch
        {
            null => null,
            int days when row.Kind == QuestionKind.Duration => DescribeDuration(days),
            int score => content.Phrase("severityValue").Replace("{score}", score.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            Answer answer => content.Phrase($"answer.{answer}") + (question switch
            {
                QuestionId.LegPain when answers.PainLegs is Legs legs => $" ({content.Phrase($"legs.{legs}")})",
                QuestionId.Numbness when answers.NumbnessLegs is Legs legs => $" ({content.Phrase($"legs.{legs}")})",
                _ => string.Empty,
            }),
            Legs legs => content.Phrase($"legs.{legs}"),
            AgeBand band => content.Phrase($"age.{band}"),
            PainSite site => content.Phrase($"site.{site}"),
            var other => other.ToString(),
        };
    }

    private void AppendReasons(StringBuilder message, string intro, IReadOnlyList<Reason> reasons, string template)
    {
        if (reasons.Count == 0)
        {
            return;
        }

        message.AppendLine(intro).AppendLine();
        foreach (var reason in reasons)
        {
            message.AppendLine("- " + template.Replace("{reason}", Because(reason), StringComparison.Ordinal));
        }

        message.AppendLine();
    }

    private string Count(string phrase, int n) => content.Phrase(phrase).Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private string Fill(string template) => template
        .Replace("{EmergencyNumber}", emergencyNumber, StringComparison.Ordinal)
        .Replace("{UrgentAdvice}", urgentAdvice, StringComparison.Ordinal);
}
