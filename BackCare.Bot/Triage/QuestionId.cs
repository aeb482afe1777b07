namespace BackCare.Bot.Triage;

/// <summary>
/// The triage questions. Stored by name; the order they are asked in is <see cref="TriageQuestions.All"/>,
/// not the order here. New questions go at the end so that state saved before they existed still reads.
/// </summary>
public enum QuestionId
{
    EmergencyScreen,
    SaddleNumbness,
    BladderOrBowel,
    BothLegs,
    WorseningWeakness,
    AccidentOrFall,
    ChestPain,
    Duration,
    Severity,
    Rest,
    Night,
    LegPain,
    LegPainWhich,
    BelowKnee,
    Numbness,
    NumbnessWhich,
    NumbnessWorse,
    WeightLoss,
    Fever,
    Cancer,
    Osteoporosis,
    RecentFall,
    ImmuneOrDrugs,
    Lump,
    Age,
    FirstEver,
    Recurring,

    // Clinical rules version 2.
    SexualFunction,
    PainLocation,
    SameDayScreen,
    SneezeCough,
    SpinalProcedure,
}

/// <summary>How an answer to a question is read.</summary>
public enum QuestionKind
{
    YesNo,
    Duration,
    Severity,
    LegSymptom,
    WhichLegs,
    BelowKnee,
    Age,
    Checklist,
    Location,
}
