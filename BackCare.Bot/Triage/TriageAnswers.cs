namespace BackCare.Bot.Triage;

/// <summary>
/// Everything the triage asks, as answered. A <c>null</c> means "not asked" (the triage stops asking once an
/// emergency answer is given). Kept as a plain record so it can be stored, summarised and decided on.
/// </summary>
public sealed record TriageAnswers
{
    /// <summary>Whether the person said at least one emergency sign might apply (each is then asked on its own).</summary>
    public bool ScreenPositive { get; init; }

    // The emergency checklist, since the pain began.
    public Answer? SaddleNumbness { get; init; }
    public Answer? BladderOrBowel { get; init; }
    public Answer? SexualFunction { get; init; }
    public Answer? BothLegsNumbOrWeak { get; init; }
    public Answer? LegWeaknessWorsening { get; init; }
    public Answer? SeriousAccidentOrFall { get; init; }
    public Answer? ChestPain { get; init; }

    public AgeBand? Age { get; init; }

    public PainSite? PainSite { get; init; }

    /// <summary>How long the pain has lasted, in days.</summary>
    public int? DurationDays { get; init; }

    /// <summary>How bad the pain is, 0 (none) to 10 (worst imaginable): the highest the person reported.</summary>
    public int? Severity { get; init; }

    /// <summary>Whether the pain gets better with rest; a "no" (or "not sure") is the warning sign.</summary>
    public Answer? EasesWithRest { get; init; }

    public Answer? SpreadsDownLeg { get; init; }
    public Legs? PainLegs { get; init; }
    public Answer? BelowKnee { get; init; }

    public Answer? NumbnessTinglingWeakness { get; init; }
    public Legs? NumbnessLegs { get; init; }
    public Answer? NumbnessGettingWorse { get; init; }

    /// <summary>Whether the person said at least one same-day sign might apply (each is then asked on its own).</summary>
    public bool SameDayScreenPositive { get; init; }

    // The same-day checklist, since the pain began.
    public Answer? Fever { get; init; }
    public Answer? WeightLoss { get; init; }
    public Answer? WorseAtNight { get; init; }
    public Answer? SneezeCoughOrPoo { get; init; }
    public Answer? LumpOrShapeChange { get; init; }
    public Answer? CancerHistory { get; init; }
    public Answer? WeakImmuneOrInjectingDrugs { get; init; }
    public Answer? RecentSpinalProcedure { get; init; }

    public Answer? OsteoporosisOrSteroids { get; init; }
    public Answer? RecentFallOrKnock { get; init; }

    /// <summary>A first episode, or pain unlike any before (asked at 50 or over).</summary>
    public Answer? FirstEverBackPain { get; init; }

    /// <summary>Keeps coming back worse each time, or getting worse over several weeks.</summary>
    public Answer? RecurringAndWorsening { get; init; }
}
