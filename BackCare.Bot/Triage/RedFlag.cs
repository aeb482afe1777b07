namespace BackCare.Bot.Triage;

/// <summary>
/// A finding that raises the disposition, each tied to the answer that showed it. Stored by name; new findings
/// go at the end. Its level is <see cref="TriageRules.LevelOf"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A red flag is the clinical term for a warning sign; it is not a [Flags] enum.")]
public enum RedFlag
{
    SaddleNumbness,
    BladderOrBowel,
    BothLegsNumbOrWeak,
    WorseningLegWeakness,
    SeriousAccidentOrFall,
    ChestPain,
    Fever,
    WeightLoss,

    /// <summary>Version 1's rule (severe pain not eased by rest); kept so that outcomes saved then still read.</summary>
    SevereNotEasedByRest,
    WorseAtNight,
    OneLegNumbOrWeak,
    CancerHistory,

    /// <summary>A fall or knock with fragile bones: osteoporosis, long-term steroid tablets, or aged 70 or over.</summary>
    FallWithOsteoporosisOrSteroids,
    LumpOrShapeChange,
    WeakImmuneOrInjectingDrugs,
    LastedFourWeeksOrMore,
    PainBelowKnee,

    /// <summary>A first episode, or pain unlike any before, at 50 or over.</summary>
    FirstEverOver50,
    RecurringAndWorsening,

    // Clinical rules version 2.
    SexualFunction,
    NoReliefFromRest,
    SneezeCoughOrPoo,
    UpperBackPain,
    RecentSpinalProcedure,
    UnderTwenty,
    OsteoporosisOrSteroids,
    UnderSixteen,
}
