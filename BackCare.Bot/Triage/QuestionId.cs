namespace BackCare.Bot.Triage;

/// <summary>The triage questions, in the order they are asked. Their words live in triage-content.json.</summary>
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
}
