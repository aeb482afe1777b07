namespace BackCare.Bot.Triage;

/// <summary>
/// The triage decision, as a pure function of the answers (clinical rules version 2, shared/docs/clinical-rules.md).
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

        var level = found.Max(f => LevelOf(f.Flag));
        return new TriageOutcome(
            level,
            found.Where(f => LevelOf(f.Flag) == level).ToList(),
            found.Where(f => LevelOf(f.Flag) < level).ToList());
    }

    /// <summary>The level each finding raises the disposition to.</summary>
    /// <param name="flag">The finding.</param>
    /// <returns>Its level.</returns>
#pragma warning disable CS8524 // Every named finding has an arm, so adding one without a level fails the build; numbers outside the enum are not findings.
    public static Disposition LevelOf(RedFlag flag) => flag switch
    {
        RedFlag.SaddleNumbness or RedFlag.BladderOrBowel or RedFlag.SexualFunction or RedFlag.BothLegsNumbOrWeak
            or RedFlag.WorseningLegWeakness or RedFlag.SeriousAccidentOrFall or RedFlag.ChestPain => Disposition.Emergency,
        RedFlag.Fever or RedFlag.WeightLoss or RedFlag.SevereNotEasedByRest or RedFlag.NoReliefFromRest or RedFlag.WorseAtNight
            or RedFlag.SneezeCoughOrPoo or RedFlag.UpperBackPain or RedFlag.OneLegNumbOrWeak or RedFlag.CancerHistory
            or RedFlag.FallWithOsteoporosisOrSteroids or RedFlag.LumpOrShapeChange or RedFlag.WeakImmuneOrInjectingDrugs
            or RedFlag.RecentSpinalProcedure => Disposition.Urgent,
        RedFlag.LastedFourWeeksOrMore or RedFlag.PainBelowKnee or RedFlag.FirstEverOver50 or RedFlag.RecurringAndWorsening
            or RedFlag.UnderTwenty or RedFlag.OsteoporosisOrSteroids or RedFlag.UnderSixteen => Disposition.Doctor,
    };
#pragma warning restore CS8524

    private static IEnumerable<Reason> Findings(TriageAnswers a)
    {
        // Emergency.
        foreach (var reason in Flag(RedFlag.SaddleNumbness, a.SaddleNumbness)
            .Concat(Flag(RedFlag.BladderOrBowel, a.BladderOrBowel))
            .Concat(Flag(RedFlag.SexualFunction, a.SexualFunction)))
        {
            yield return reason;
        }

        // Pain, numbness, tingling or weakness in both legs: from the checklist, or from the leg questions
        // ("not sure which leg" counts as both).
        var numb = a.NumbnessTinglingWeakness.CountsAsYes();
        var numbInBothLegs = numb && a.NumbnessLegs is Legs.Both or Legs.NotSure;
        var painInBothLegs = a.SpreadsDownLeg.CountsAsYes() && a.PainLegs is Legs.Both or Legs.NotSure;
        if (a.BothLegsNumbOrWeak.CountsAsYes())
        {
            yield return new Reason(RedFlag.BothLegsNumbOrWeak, a.BothLegsNumbOrWeak == Answer.NotSure);
        }
        else if (numbInBothLegs)
        {
            yield return new Reason(RedFlag.BothLegsNumbOrWeak, a.NumbnessTinglingWeakness == Answer.NotSure || a.NumbnessLegs == Legs.NotSure);
        }
        else if (painInBothLegs)
        {
            yield return new Reason(RedFlag.BothLegsNumbOrWeak, a.SpreadsDownLeg == Answer.NotSure || a.PainLegs == Legs.NotSure);
        }

        if (a.LegWeaknessWorsening.CountsAsYes())
        {
            yield return new Reason(RedFlag.WorseningLegWeakness, a.LegWeaknessWorsening == Answer.NotSure);
        }
        else if (numb && a.NumbnessGettingWorse.CountsAsYes())
        {
            yield return new Reason(RedFlag.WorseningLegWeakness, a.NumbnessTinglingWeakness == Answer.NotSure || a.NumbnessGettingWorse == Answer.NotSure);
        }

        foreach (var reason in Flag(RedFlag.SeriousAccidentOrFall, a.SeriousAccidentOrFall).Concat(Flag(RedFlag.ChestPain, a.ChestPain)))
        {
            yield return reason;
        }

        // Same day.
        foreach (var reason in Flag(RedFlag.Fever, a.Fever).Concat(Flag(RedFlag.WeightLoss, a.WeightLoss)))
        {
            yield return reason;
        }

        if (a.EasesWithRest.CountsAsNo())
        {
            // At any score (version 2).
            yield return new Reason(RedFlag.NoReliefFromRest, a.EasesWithRest == Answer.NotSure);
        }

        foreach (var reason in Flag(RedFlag.WorseAtNight, a.WorseAtNight).Concat(Flag(RedFlag.SneezeCoughOrPoo, a.SneezeCoughOrPoo)))
        {
            yield return reason;
        }

        if (a.PainSite is PainSite.Upper or PainSite.Both)
        {
            yield return new Reason(RedFlag.UpperBackPain);
        }

        if (numb && !numbInBothLegs)
        {
            yield return new Reason(RedFlag.OneLegNumbOrWeak, a.NumbnessTinglingWeakness == Answer.NotSure);
        }

        foreach (var reason in Flag(RedFlag.CancerHistory, a.CancerHistory))
        {
            yield return reason;
        }

        // A fall or knock, even a small one, with fragile bones: osteoporosis, steroid tablets, or 70 or over.
        var fragile = a.OsteoporosisOrSteroids.CountsAsYes() || a.Age == AgeBand.SeventyOrOver;
        if (fragile && a.RecentFallOrKnock.CountsAsYes())
        {
            yield return new Reason(RedFlag.FallWithOsteoporosisOrSteroids, a.RecentFallOrKnock == Answer.NotSure || (a.Age != AgeBand.SeventyOrOver && a.OsteoporosisOrSteroids == Answer.NotSure));
        }

        foreach (var reason in Flag(RedFlag.LumpOrShapeChange, a.LumpOrShapeChange)
            .Concat(Flag(RedFlag.WeakImmuneOrInjectingDrugs, a.WeakImmuneOrInjectingDrugs))
            .Concat(Flag(RedFlag.RecentSpinalProcedure, a.RecentSpinalProcedure)))
        {
            yield return reason;
        }

        // Doctor.
        if (a.Age == AgeBand.Under16)
        {
            yield return new Reason(RedFlag.UnderSixteen);
        }

        if (a.Age == AgeBand.From16To19)
        {
            yield return new Reason(RedFlag.UnderTwenty);
        }

        if (a.DurationDays >= LongLastingFromDays)
        {
            yield return new Reason(RedFlag.LastedFourWeeksOrMore);
        }

        if (a.SpreadsDownLeg.CountsAsYes() && a.BelowKnee.CountsAsYes() && !painInBothLegs)
        {
            yield return new Reason(RedFlag.PainBelowKnee, a.SpreadsDownLeg == Answer.NotSure || a.BelowKnee == Answer.NotSure);
        }

        if (a.Age.FiftyOrOver() && a.FirstEverBackPain.CountsAsYes())
        {
            yield return new Reason(RedFlag.FirstEverOver50, a.FirstEverBackPain == Answer.NotSure);
        }

        if (a.OsteoporosisOrSteroids.CountsAsYes() && !a.RecentFallOrKnock.CountsAsYes())
        {
            yield return new Reason(RedFlag.OsteoporosisOrSteroids, a.OsteoporosisOrSteroids == Answer.NotSure);
        }

        foreach (var reason in Flag(RedFlag.RecurringAndWorsening, a.RecurringAndWorsening))
        {
            yield return reason;
        }
    }

    private static IEnumerable<Reason> Flag(RedFlag flag, Answer? answer)
    {
        if (answer.CountsAsYes())
        {
            yield return new Reason(flag, answer == Answer.NotSure);
        }
    }
}
