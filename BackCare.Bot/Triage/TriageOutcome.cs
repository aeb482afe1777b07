namespace BackCare.Bot.Triage;

/// <summary>One reason for a disposition: the finding, and whether it rests on a "not sure".</summary>
/// <param name="Flag">The finding.</param>
/// <param name="FromNotSure">True when the person was not sure and the answer was counted as a possible yes.</param>
public sealed record Reason(RedFlag Flag, bool FromNotSure = false);

/// <summary>The decision: how urgent, and every reason at that level (the most urgent level wins).</summary>
/// <param name="Level">The disposition.</param>
/// <param name="Reasons">The reasons at that level; empty for self-care.</param>
/// <param name="OtherConcerns">Findings at lower levels, worth telling a doctor too.</param>
public sealed record TriageOutcome(Disposition Level, IReadOnlyList<Reason> Reasons, IReadOnlyList<Reason> OtherConcerns)
{
    /// <summary>Gets a value indicating whether any exercise may be offered: only at self-care, or doctor level "once your doctor agrees".</summary>
    public bool AllowsExercise => Level is Disposition.SelfCare or Disposition.Doctor;
}
