namespace BackCare.Bot.Triage;

/// <summary>
/// The triage, one row per question, in the order they are asked (clinical rules version 2): the emergency
/// checklist first, then age, where the pain is, how long, how bad, rest, legs, the same-day checklist, fragile
/// bones, and the doctor-level questions. Adding a question is one row here plus its words in
/// triage-content.json; a start-up check and a test fail when either is missing.
/// </summary>
public static class TriageQuestions
{
    /// <summary>The emergency checklist's items, in the order they are listed.</summary>
    public static readonly IReadOnlyList<(RedFlag, QuestionId)> EmergencyItems =
    [
        (RedFlag.SaddleNumbness, QuestionId.SaddleNumbness),
        (RedFlag.BladderOrBowel, QuestionId.BladderOrBowel),
        (RedFlag.SexualFunction, QuestionId.SexualFunction),
        (RedFlag.BothLegsNumbOrWeak, QuestionId.BothLegs),
        (RedFlag.WorseningLegWeakness, QuestionId.WorseningWeakness),
        (RedFlag.SeriousAccidentOrFall, QuestionId.AccidentOrFall),
        (RedFlag.ChestPain, QuestionId.ChestPain),
    ];

    /// <summary>The same-day checklist's items, in the order they are listed (the last line has two signs).</summary>
    public static readonly IReadOnlyList<(RedFlag, QuestionId)> SameDayItems =
    [
        (RedFlag.Fever, QuestionId.Fever),
        (RedFlag.WeightLoss, QuestionId.WeightLoss),
        (RedFlag.WorseAtNight, QuestionId.Night),
        (RedFlag.SneezeCoughOrPoo, QuestionId.SneezeCough),
        (RedFlag.LumpOrShapeChange, QuestionId.Lump),
        (RedFlag.CancerHistory, QuestionId.Cancer),
        (RedFlag.WeakImmuneOrInjectingDrugs, QuestionId.ImmuneOrDrugs),
        (RedFlag.RecentSpinalProcedure, QuestionId.SpinalProcedure),
    ];

    /// <summary>Every question, in the order asked.</summary>
    public static readonly IReadOnlyList<TriageQuestion> All =
    [
        new(QuestionId.EmergencyScreen, QuestionKind.Checklist,
            a => !a.ScreenPositive && EmergencyItems.Any(i => ById(i.Item2).Value(a) is null),
            (a, r) => Checklist(a, r, EmergencyItems, positive: x => x with { ScreenPositive = true }),
            a => a.ScreenPositive ? Answer.Yes : null)
        { Items = EmergencyItems, Lines = [.. EmergencyItems.Select(i => (IReadOnlyList<RedFlag>)[i.Item1])] },
        YesNo(QuestionId.SaddleNumbness, RedFlag.SaddleNumbness, a => a.ScreenPositive, a => a.SaddleNumbness, (a, x) => a with { SaddleNumbness = x }),
        YesNo(QuestionId.BladderOrBowel, RedFlag.BladderOrBowel, a => a.ScreenPositive, a => a.BladderOrBowel, (a, x) => a with { BladderOrBowel = x }),
        YesNo(QuestionId.SexualFunction, RedFlag.SexualFunction, a => a.ScreenPositive, a => a.SexualFunction, (a, x) => a with { SexualFunction = x }),
        YesNo(QuestionId.BothLegs, RedFlag.BothLegsNumbOrWeak, a => a.ScreenPositive, a => a.BothLegsNumbOrWeak, (a, x) => a with { BothLegsNumbOrWeak = x }),
        YesNo(QuestionId.WorseningWeakness, RedFlag.WorseningLegWeakness, a => a.ScreenPositive, a => a.LegWeaknessWorsening, (a, x) => a with { LegWeaknessWorsening = x }),
        YesNo(QuestionId.AccidentOrFall, RedFlag.SeriousAccidentOrFall, a => a.ScreenPositive, a => a.SeriousAccidentOrFall, (a, x) => a with { SeriousAccidentOrFall = x }),
        YesNo(QuestionId.ChestPain, RedFlag.ChestPain, a => a.ScreenPositive, a => a.ChestPain, (a, x) => a with { ChestPain = x }),

        new(QuestionId.Age, QuestionKind.Age, a => !a.Age.IsCurrent(), (a, r) => a with { Age = r.Age }, a => a.Age.IsCurrent() ? a.Age : null),
        new(QuestionId.PainLocation, QuestionKind.Location, a => a.PainSite is null, (a, r) => a with { PainSite = r.Site }, a => a.PainSite, RedFlag.UpperBackPain),
        new(QuestionId.Duration, QuestionKind.Duration, a => a.DurationDays is null, (a, r) => a with { DurationDays = r.Number }, a => a.DurationDays),
        new(QuestionId.Severity, QuestionKind.Severity, a => a.Severity is null, (a, r) => a with { Severity = Math.Max(a.Severity ?? 0, r.Number ?? 0) }, a => a.Severity),
        YesNo(QuestionId.Rest, RedFlag.NoReliefFromRest, _ => true, a => a.EasesWithRest, (a, x) => a with { EasesWithRest = x }) with { WarningWhenNo = true },

        new(QuestionId.LegPain, QuestionKind.LegSymptom, a => a.SpreadsDownLeg is null,
            (a, r) => a with { SpreadsDownLeg = a.SpreadsDownLeg.Stronger(r.Answer ?? Answer.NotSure), PainLegs = r.Legs ?? a.PainLegs, BelowKnee = r.BelowKnee ?? a.BelowKnee },
            a => a.SpreadsDownLeg, RedFlag.PainBelowKnee),
        new(QuestionId.LegPainWhich, QuestionKind.WhichLegs, a => a.SpreadsDownLeg.CountsAsYes() && a.PainLegs is null, (a, r) => a with { PainLegs = r.Legs }, a => a.PainLegs, RedFlag.BothLegsNumbOrWeak),
        new(QuestionId.BelowKnee, QuestionKind.BelowKnee, a => a.SpreadsDownLeg.CountsAsYes() && a.PainLegs == Legs.One && a.BelowKnee is null,
            (a, r) => a with { BelowKnee = r.Answer }, a => a.BelowKnee, RedFlag.PainBelowKnee),
        new(QuestionId.Numbness, QuestionKind.LegSymptom, a => a.NumbnessTinglingWeakness is null,
            (a, r) => a with { NumbnessTinglingWeakness = a.NumbnessTinglingWeakness.Stronger(r.Answer ?? Answer.NotSure), NumbnessLegs = r.Legs ?? a.NumbnessLegs },
            a => a.NumbnessTinglingWeakness, RedFlag.OneLegNumbOrWeak),
        new(QuestionId.NumbnessWhich, QuestionKind.WhichLegs, a => a.NumbnessTinglingWeakness.CountsAsYes() && a.NumbnessLegs is null, (a, r) => a with { NumbnessLegs = r.Legs }, a => a.NumbnessLegs, RedFlag.BothLegsNumbOrWeak),
        YesNo(QuestionId.NumbnessWorse, RedFlag.WorseningLegWeakness, a => a.NumbnessTinglingWeakness.CountsAsYes() && a.NumbnessLegs == Legs.One, a => a.NumbnessGettingWorse, (a, x) => a with { NumbnessGettingWorse = x }),

        new(QuestionId.SameDayScreen, QuestionKind.Checklist,
            a => !a.SameDayScreenPositive && SameDayItems.Any(i => ById(i.Item2).Value(a) is null),
            (a, r) => Checklist(a, r, SameDayItems, positive: x => x with { SameDayScreenPositive = true }),
            a => a.SameDayScreenPositive ? Answer.Yes : null)
        {
            Items = SameDayItems,
            Lines = [[RedFlag.Fever], [RedFlag.WeightLoss], [RedFlag.WorseAtNight], [RedFlag.SneezeCoughOrPoo], [RedFlag.LumpOrShapeChange], [RedFlag.CancerHistory], [RedFlag.WeakImmuneOrInjectingDrugs, RedFlag.RecentSpinalProcedure]],
        },
        YesNo(QuestionId.Fever, RedFlag.Fever, a => a.SameDayScreenPositive, a => a.Fever, (a, x) => a with { Fever = x }),
        YesNo(QuestionId.WeightLoss, RedFlag.WeightLoss, a => a.SameDayScreenPositive, a => a.WeightLoss, (a, x) => a with { WeightLoss = x }),
        YesNo(QuestionId.Night, RedFlag.WorseAtNight, a => a.SameDayScreenPositive, a => a.WorseAtNight, (a, x) => a with { WorseAtNight = x }),
        YesNo(QuestionId.SneezeCough, RedFlag.SneezeCoughOrPoo, a => a.SameDayScreenPositive, a => a.SneezeCoughOrPoo, (a, x) => a with { SneezeCoughOrPoo = x }),
        YesNo(QuestionId.Lump, RedFlag.LumpOrShapeChange, a => a.SameDayScreenPositive, a => a.LumpOrShapeChange, (a, x) => a with { LumpOrShapeChange = x }),
        YesNo(QuestionId.Cancer, RedFlag.CancerHistory, a => a.SameDayScreenPositive, a => a.CancerHistory, (a, x) => a with { CancerHistory = x }),
        YesNo(QuestionId.ImmuneOrDrugs, RedFlag.WeakImmuneOrInjectingDrugs, a => a.SameDayScreenPositive, a => a.WeakImmuneOrInjectingDrugs, (a, x) => a with { WeakImmuneOrInjectingDrugs = x }),
        YesNo(QuestionId.SpinalProcedure, RedFlag.RecentSpinalProcedure, a => a.SameDayScreenPositive, a => a.RecentSpinalProcedure, (a, x) => a with { RecentSpinalProcedure = x }),

        YesNo(QuestionId.Osteoporosis, RedFlag.OsteoporosisOrSteroids, _ => true, a => a.OsteoporosisOrSteroids, (a, x) => a with { OsteoporosisOrSteroids = x }),
        YesNo(QuestionId.RecentFall, RedFlag.FallWithOsteoporosisOrSteroids, a => a.OsteoporosisOrSteroids.CountsAsYes() || a.Age == AgeBand.SeventyOrOver, a => a.RecentFallOrKnock, (a, x) => a with { RecentFallOrKnock = x }),
        YesNo(QuestionId.FirstEver, RedFlag.FirstEverOver50, a => a.Age.FiftyOrOver(), a => a.FirstEverBackPain, (a, x) => a with { FirstEverBackPain = x }),
        YesNo(QuestionId.Recurring, RedFlag.RecurringAndWorsening, _ => true, a => a.RecurringAndWorsening, (a, x) => a with { RecurringAndWorsening = x }),
    ];

    private static readonly Dictionary<QuestionId, TriageQuestion> Rows = All.ToDictionary(q => q.Id);

    /// <summary>The row of a question.</summary>
    /// <param name="id">The question.</param>
    /// <returns>Its row.</returns>
    public static TriageQuestion ById(QuestionId id) => Rows[id];

    /// <summary>Whether a question has a row.</summary>
    /// <param name="id">The question.</param>
    /// <returns><c>true</c> when it is asked in this version.</returns>
    public static bool IsAsked(QuestionId id) => Rows.ContainsKey(id);

    /// <summary>The question that asks about a warning sign on its own, if any.</summary>
    /// <param name="sign">The sign.</param>
    /// <returns>The question.</returns>
    public static TriageQuestion? AskingAbout(RedFlag sign) => All.FirstOrDefault(q => q.Sign == sign && q.Kind != QuestionKind.Checklist);

    private static TriageQuestion YesNo(QuestionId id, RedFlag sign, Func<TriageAnswers, bool> when, Func<TriageAnswers, Answer?> get, Func<TriageAnswers, Answer?, TriageAnswers> set)
        => new(id, QuestionKind.YesNo, a => when(a) && get(a) is null, (a, r) => set(a, r.Answer), a => get(a), sign);

    private static TriageAnswers Checklist(TriageAnswers a, Reply reply, IReadOnlyList<(RedFlag Sign, QuestionId Question)> items, Func<TriageAnswers, TriageAnswers> positive)
    {
        switch (reply.Checklist)
        {
            case ChecklistAnswer.None:
                return NoToTheRest(a, items);
            case ChecklistAnswer.Named when reply.Signs is not null && (reply.Signs.Count > 0 || reply.AskEach is { Count: > 0 }):
                foreach (var (sign, answer) in reply.Signs)
                {
                    var question = items.First(i => i.Sign == sign).Question;
                    var row = ById(question);
                    a = row.Apply(a, new Reply { Answer = ((Answer?)row.Value(a)).Stronger(answer) });
                }

                if (reply.AskEach is { Count: > 0 } askEach)
                {
                    // "Number 7" names a line with two signs: each of them is asked on its own.
                    return positive(NoToTheRest(a, items.Where(i => !askEach.Contains(i.Sign)).ToList()));
                }

                return NoToTheRest(a, items);
            default:
                // "Yes", "not sure", or a reply to check: each item is asked on its own.
                return positive(a);
        }
    }

    private static TriageAnswers NoToTheRest(TriageAnswers a, IReadOnlyList<(RedFlag Sign, QuestionId Question)> items)
    {
        foreach (var (_, question) in items)
        {
            var row = ById(question);
            if (row.Value(a) is null)
            {
                a = row.Apply(a, new Reply { Answer = Answer.No });
            }
        }

        return a;
    }
}
