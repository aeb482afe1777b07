namespace BackCare.Bot.Triage;

/// <summary>A finding that raises the disposition, each tied to the answer that showed it.</summary>
public enum RedFlag
{
    // Emergency.
    SaddleNumbness,
    BladderOrBowel,
    BothLegsNumbOrWeak,
    WorseningLegWeakness,
    SeriousAccidentOrFall,
    ChestPain,

    // Urgent.
    Fever,
    WeightLoss,
    SevereNotEasedByRest,
    WorseAtNight,
    OneLegNumbOrWeak,
    CancerHistory,
    FallWithOsteoporosisOrSteroids,
    LumpOrShapeChange,
    WeakImmuneOrInjectingDrugs,

    // Doctor.
    LastedFourWeeksOrMore,
    PainBelowKnee,
    FirstEverOver50,
    RecurringAndWorsening,
}
