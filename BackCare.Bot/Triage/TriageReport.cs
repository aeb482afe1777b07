using System.Text;

namespace BackCare.Bot.Triage;

/// <summary>Turns an outcome and the answers into the words the person reads: the advice, and a handover summary.</summary>
/// <param name="content">The triage content.</param>
/// <param name="emergencyNumber">The local emergency number.</param>
/// <param name="urgentAdvice">Where to get same-day advice locally.</param>
public sealed class TriageReport(TriageContent content, string emergencyNumber, string urgentAdvice)
{
    /// <summary>The advice for an outcome: what to do now, why, and that it is not a diagnosis.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The message text (Markdown that Teams and Web Chat both render).</returns>
    public string Advice(TriageOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var text = content.Dispositions[outcome.Level];
        var message = new StringBuilder()
            .AppendLine(Fill(text.Headline))
            .AppendLine();
        if (outcome.Reasons.Count > 0)
        {
            message.AppendLine(content.ReasonsIntro).AppendLine();
            foreach (var reason in outcome.Reasons)
            {
                message.AppendLine($"- because {Because(reason)}");
            }

            message.AppendLine();
        }

        if (outcome.OtherConcerns.Count > 0)
        {
            message.AppendLine(content.OtherConcernsIntro).AppendLine();
            foreach (var reason in outcome.OtherConcerns)
            {
                message.AppendLine($"- {Because(reason)}");
            }

            message.AppendLine();
        }

        message.AppendLine(Fill(text.Next)).AppendLine().Append(content.NotADiagnosis);
        return message.ToString();
    }

    /// <summary>Why, in words: "you told me ..." or "you weren't sure whether ...".</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The words.</returns>
    public string Because(Reason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var template = reason.FromNotSure ? content.ReasonNotSure : content.ReasonSaid;
        return template.Replace("{reason}", content.Reasons[reason.Flag], StringComparison.Ordinal);
    }

    /// <summary>A plain-text summary of the answers and the outcome, for a person to show their doctor.</summary>
    /// <param name="answers">The answers so far.</param>
    /// <param name="outcome">The outcome, when the triage is finished.</param>
    /// <returns>The summary.</returns>
    public string Summary(TriageAnswers answers, TriageOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var lines = new List<string> { "BackCare summary (what I was told; not a diagnosis)" };
        void Add(string label, string? value)
        {
            if (value is not null)
            {
                lines.Add($"- {label}: {value}");
            }
        }

        Add("Numbness between the legs / saddle area", Say(answers.SaddleNumbness));
        Add("New trouble peeing, or bladder or bowel control", Say(answers.BladderOrBowel));
        Add("Numbness, tingling or weakness in both legs", Say(answers.BothLegsNumbOrWeak));
        Add("Leg weakness getting worse, giving way or foot drop", Say(answers.LegWeaknessWorsening));
        Add("Started after a serious accident or fall", Say(answers.SeriousAccidentOrFall));
        Add("Chest pain", Say(answers.ChestPain));
        Add("How long", answers.DurationDays is int days ? DescribeDuration(days) : null);
        Add("Pain now (0-10)", answers.Severity?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("Eases with rest", Say(answers.EasesWithRest));
        Add("Worse at night", Say(answers.WorseAtNight));
        Add("Spreads down a leg", Say(answers.SpreadsDownLeg) is { } spread ? spread + Legs(answers.PainLegs) : null);
        Add("Below the knee", Say(answers.BelowKnee));
        Add("Numbness, tingling or weakness in a leg", Say(answers.NumbnessTinglingWeakness) is { } numb ? numb + Legs(answers.NumbnessLegs) : null);
        Add("Numbness or weakness getting worse", Say(answers.NumbnessGettingWorse));
        Add("Unexplained weight loss", Say(answers.WeightLoss));
        Add("Fever or hot and shivery", Say(answers.Fever));
        Add("Past cancer", Say(answers.CancerHistory));
        Add("Osteoporosis or long-term steroids", Say(answers.OsteoporosisOrSteroids));
        Add("Recent fall or knock", Say(answers.RecentFallOrKnock));
        Add("Weakened immune system or injecting drugs", Say(answers.WeakImmuneOrInjectingDrugs));
        Add("New lump, swelling or change of shape", Say(answers.LumpOrShapeChange));
        Add("Age", answers.Age switch { AgeBand.Under50 => "under 50", AgeBand.FiftyOrOver => "50 or over", _ => null });
        Add("First ever back pain", Say(answers.FirstEverBackPain));
        Add("Keeps coming back and getting worse", Say(answers.RecurringAndWorsening));

        if (lines.Count == 1)
        {
            lines.Add("- No answers yet.");
        }

        if (outcome is not null)
        {
            lines.Add(string.Empty);
            lines.Add($"Result: {Name(outcome.Level)}");
            lines.AddRange(outcome.Reasons.Select(r => $"- because {Because(r)}"));
            lines.AddRange(outcome.OtherConcerns.Select(r => $"- also: {Because(r)}"));
        }

        return string.Join("\n", lines);
    }

    /// <summary>The disposition's name as the person reads it.</summary>
    /// <param name="level">The disposition.</param>
    /// <returns>The name.</returns>
    public static string Name(Disposition level) => level switch
    {
        Disposition.Emergency => "emergency: get help now",
        Disposition.Urgent => "urgent: see a doctor today",
        Disposition.Doctor => "see a doctor within about a week",
        _ => "self-care",
    };

    /// <summary>A duration in words for the summary.</summary>
    /// <param name="days">Days.</param>
    /// <returns>The words.</returns>
    public static string DescribeDuration(int days) => days switch
    {
        0 => "started today",
        1 => "1 day",
        < 14 => $"{days} days",
        < 60 => $"about {Math.Round(days / 7.0)} weeks",
        < 365 => $"about {Math.Round(days / 30.0)} months",
        _ => "a year or more",
    };

    private static string? Say(Answer? answer) => answer switch
    {
        Answer.Yes => "yes",
        Answer.No => "no",
        Answer.NotSure => "not sure",
        _ => null,
    };

    private static string Legs(Legs? legs) => legs switch
    {
        Triage.Legs.One => " (one leg)",
        Triage.Legs.Both => " (both legs)",
        Triage.Legs.NotSure => " (not sure which)",
        _ => string.Empty,
    };

    private string Fill(string template) => template
        .Replace("{EmergencyNumber}", emergencyNumber, StringComparison.Ordinal)
        .Replace("{UrgentAdvice}", urgentAdvice, StringComparison.Ordinal);
}
