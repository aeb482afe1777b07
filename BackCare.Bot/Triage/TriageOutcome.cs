namespace BackCare.Bot.Triage;

/// <summary>One reason for a disposition: the finding, and whether it rests on a "not sure".</summary>
/// <param name="Flag">The finding.</param>
/// <param name="FromNotSure">True when the person was not sure and the answer was counted as a possible yes.</param>
public sealed record Reason(RedFlag Flag, bool FromNotSure = false);

/// <summary>The decision: how urgent, and every reason at that level (the most urgent level wins).</summary>
public sealed record TriageOutcome
{
    /// <summary>Initializes a new instance of the <see cref="TriageOutcome"/> class.</summary>
    /// <param name="level">The disposition.</param>
    /// <param name="reasons">The reasons at that level; empty for self-care.</param>
    /// <param name="otherConcerns">Findings at lower levels, worth telling a doctor too.</param>
    public TriageOutcome(Disposition level, IReadOnlyList<Reason> reasons, IReadOnlyList<Reason> otherConcerns)
    {
        // Kept as arrays: saved state names its types, and only plain types can be rebuilt from it.
        Level = level;
        Reasons = reasons?.ToArray() ?? [];
        OtherConcerns = otherConcerns?.ToArray() ?? [];
    }

    /// <summary>Gets the disposition.</summary>
    public Disposition Level { get; }

    /// <summary>Gets the reasons at that level; empty for self-care.</summary>
    public IReadOnlyList<Reason> Reasons { get; }

    /// <summary>Gets the findings at lower levels, worth telling a doctor too.</summary>
    public IReadOnlyList<Reason> OtherConcerns { get; }

    /// <summary>Gets a value indicating whether any exercise may be offered: only at self-care, or doctor level "once your doctor agrees".</summary>
    public bool AllowsExercise => Level is Disposition.SelfCare or Disposition.Doctor && !Reasons.Concat(OtherConcerns).Any(r => r.Flag == RedFlag.UnderSixteen);

    /// <summary>Gets a value indicating whether the person is under 16, whom BackCare does not triage (NICE NG59's scope).</summary>
    public bool UnderSixteen => Reasons.Concat(OtherConcerns).Any(r => r.Flag == RedFlag.UnderSixteen);
}
