namespace BackCare.Bot.Triage;

/// <summary>
/// The triage decision, as a pure function of the answers (docs: shared/docs/clinical-rules.md).
/// Every rule names the answer behind it; the most urgent level wins; "not sure" to a warning sign counts as yes.
/// </summary>
public static class TriageRules
{
    /// <summary>Severe pain starts at this score (0–10).</summary>
    public const int SevereFrom = 7;

    /// <summary>Pain that has lasted this many days or more needs a doctor (four weeks).</summary>
    public const int LongLastingFromDays = 28;

    /// <summary>Decides the disposition.</summary>
    /// <param name="answers">The answers so far.</param>
    /// <returns>The outcome, with its reasons.</returns>
    public static TriageOutcome Decide(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var found = Findings(answers).ToList();
        if (found.Count == 0)
        {
            return new TriageOutcome(Disposition.SelfCare, [], []);
        }

        var level = found.Max(f => f.Level);
        return new TriageOutcome(
            level,
            found.Where(f => f.Level == level).Select(f => f.Reason).ToList(),
            found.Where(f => f.Level < level).Select(f => f.Reason).ToList());
    }

    /// <summary>The level each finding raises the disposition to.</summary>
    /// <param name="flag">The finding.</param>
    /// <returns>Its level.</returns>
    public static Disposition LevelOf(RedFlag flag) => flag switch
    {
        RedFlag.SaddleNumbness or RedFlag.BladderOrBowel or RedFlag.BothLegsNumbOrWeak or RedFlag.WorseningLegWeakness
            or RedFlag.SeriousAccidentOrFall or RedFlag.ChestPain => Disposition.Emergency,
        RedFlag.LastedFourWeeksOrMore or RedFlag.PainBelowKnee or RedFlag.FirstEverOver50 or RedFlag.RecurringAndWorsening => Disposition.Doctor,
        _ => Disposition.Urgent,
    };

    private static IEnumerable<(Disposition Level, Reason Reason)> Findings(TriageAnswers a)
    {
        // Emergency: the screen, and numbness or weakness in both legs or getting worse.
        foreach (var reason in Flag(RedFlag.SaddleNumbness, a.SaddleNumbness))
        {
            yield return reason;
        }

        foreach (var reason in Flag(RedFlag.BladderOrBowel, a.BladderOrBowel))
        {
            yield return reason;
        }

        // Numbness or weakness in both legs: from the screen, or from the leg questions (not sure which legs counts as both).
        var numbInBothLegs = a.NumbnessTinglingWeakness.CountsAsYes() && a.NumbnessLegs is Legs.Both or Legs.NotSure;
        if (a.BothLegsNumbOrWeak.CountsAsYes())
        {
            yield return Make(RedFlag.BothLegsNumbOrWeak, a.BothLegsNumbOrWeak == Answer.NotSure);
        }
        else if (numbInBothLegs)
        {
            yield return Make(RedFlag.BothLegsNumbOrWeak, a.NumbnessTinglingWeakness == Answer.NotSure || a.NumbnessLegs == Legs.NotSure);
        }

        if (a.LegWeaknessWorsening.CountsAsYes())
        {
            yield return Make(RedFlag.WorseningLegWeakness, a.LegWeaknessWorsening == Answer.NotSure);
        }
        else if (a.NumbnessTinglingWeakness.CountsAsYes() && a.NumbnessGettingWorse.CountsAsYes())
        {
            yield return Make(RedFlag.WorseningLegWeakness, a.NumbnessTinglingWeakness == Answer.NotSure || a.NumbnessGettingWorse == Answer.NotSure);
        }

        foreach (var reason in Flag(RedFlag.SeriousAccidentOrFall, a.SeriousAccidentOrFall))
        {
            yield return reason;
        }

        foreach (var reason in Flag(RedFlag.ChestPain, a.ChestPain))
        {
            yield return reason;
        }

        // Urgent.
        foreach (var reason in Flag(RedFlag.Fever, a.Fever))
        {
            yield return reason;
        }

        foreach (var reason in Flag(RedFlag.WeightLoss, a.WeightLoss))
        {
            yield return reason;
        }

        if (a.Severity >= SevereFrom && a.EasesWithRest is Answer.No or Answer.NotSure)
        {
            yield return Make(RedFlag.SevereNotEasedByRest, a.EasesWithRest == Answer.NotSure);
        }

        foreach (var reason in Flag(RedFlag.WorseAtNight, a.WorseAtNight))
        {
            yield return reason;
        }

        if (a.NumbnessTinglingWeakness.CountsAsYes() && !numbInBothLegs)
        {
            yield return Make(RedFlag.OneLegNumbOrWeak, a.NumbnessTinglingWeakness == Answer.NotSure);
        }

        foreach (var reason in Flag(RedFlag.CancerHistory, a.CancerHistory))
        {
            yield return reason;
        }

        if (a.OsteoporosisOrSteroids.CountsAsYes() && a.RecentFallOrKnock.CountsAsYes())
        {
            yield return Make(RedFlag.FallWithOsteoporosisOrSteroids, a.OsteoporosisOrSteroids == Answer.NotSure || a.RecentFallOrKnock == Answer.NotSure);
        }

        foreach (var reason in Flag(RedFlag.LumpOrShapeChange, a.LumpOrShapeChange))
        {
            yield return reason;
        }

        foreach (var reason in Flag(RedFlag.WeakImmuneOrInjectingDrugs, a.WeakImmuneOrInjectingDrugs))
        {
            yield return reason;
        }

        // Doctor.
        if (a.DurationDays >= LongLastingFromDays)
        {
            yield return Make(RedFlag.LastedFourWeeksOrMore, false);
        }

        if (a.SpreadsDownLeg.CountsAsYes() && a.BelowKnee.CountsAsYes())
        {
            yield return Make(RedFlag.PainBelowKnee, a.SpreadsDownLeg == Answer.NotSure || a.BelowKnee == Answer.NotSure);
        }

        if (a.Age == AgeBand.FiftyOrOver && a.FirstEverBackPain.CountsAsYes())
        {
            yield return Make(RedFlag.FirstEverOver50, a.FirstEverBackPain == Answer.NotSure);
        }

        foreach (var reason in Flag(RedFlag.RecurringAndWorsening, a.RecurringAndWorsening))
        {
            yield return reason;
        }
    }

    private static IEnumerable<(Disposition, Reason)> Flag(RedFlag flag, Answer? answer)
    {
        if (answer.CountsAsYes())
        {
            yield return Make(flag, answer == Answer.NotSure);
        }
    }

    private static (Disposition, Reason) Make(RedFlag flag, bool notSure) => (LevelOf(flag), new Reason(flag, notSure));
}
