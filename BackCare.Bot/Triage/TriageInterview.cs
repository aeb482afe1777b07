namespace BackCare.Bot.Triage;

/// <summary>
/// The order of the triage, as a pure function of the answers so far: which question comes next (none once an
/// emergency answer is given), and how a reply changes the answers. Holds no state of its own.
/// </summary>
public static class TriageInterview
{
    /// <summary>How each question's answer is read.</summary>
    /// <param name="question">The question.</param>
    /// <returns>Its kind.</returns>
    public static QuestionKind KindOf(QuestionId question) => question switch
    {
        QuestionId.Duration => QuestionKind.Duration,
        QuestionId.Severity => QuestionKind.Severity,
        QuestionId.LegPain or QuestionId.Numbness => QuestionKind.LegSymptom,
        QuestionId.LegPainWhich or QuestionId.NumbnessWhich => QuestionKind.WhichLegs,
        QuestionId.BelowKnee => QuestionKind.BelowKnee,
        QuestionId.Age => QuestionKind.Age,
        _ => QuestionKind.YesNo,
    };

    /// <summary>Whether a "not sure" to this question is counted as a possible yes (and the bot says so).</summary>
    /// <param name="question">The question.</param>
    /// <returns><c>true</c> for the warning-sign questions.</returns>
    public static bool IsWarningSign(QuestionId question) => question is not (QuestionId.EmergencyScreen or QuestionId.Duration
        or QuestionId.Severity or QuestionId.Age);

    /// <summary>The next question to ask, or <c>null</c> when the triage is done.</summary>
    /// <param name="a">The answers so far.</param>
    /// <returns>The question, or <c>null</c>.</returns>
    public static QuestionId? NextQuestion(TriageAnswers a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (TriageRules.Decide(a).Level == Disposition.Emergency)
        {
            return null;
        }

        foreach (var question in Enum.GetValues<QuestionId>())
        {
            if (IsNeeded(question, a))
            {
                return question;
            }
        }

        return null;
    }

    /// <summary>Records a reply.</summary>
    /// <param name="a">The answers so far.</param>
    /// <param name="question">The question that was answered.</param>
    /// <param name="reply">The reply, read with the question's kind.</param>
    /// <returns>The answers with the reply recorded.</returns>
    public static TriageAnswers Apply(TriageAnswers a, QuestionId question, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(reply);
        return question switch
        {
            // "None of these" clears the whole screen at once; otherwise each sign is asked on its own.
            QuestionId.EmergencyScreen when reply.Answer == Answer.No => a with
            {
                SaddleNumbness = Answer.No,
                BladderOrBowel = Answer.No,
                BothLegsNumbOrWeak = Answer.No,
                LegWeaknessWorsening = Answer.No,
                SeriousAccidentOrFall = Answer.No,
                ChestPain = Answer.No,
            },
            QuestionId.EmergencyScreen => a with { ScreenPositive = true },
            QuestionId.SaddleNumbness => a with { SaddleNumbness = reply.Answer },
            QuestionId.BladderOrBowel => a with { BladderOrBowel = reply.Answer },
            QuestionId.BothLegs => a with { BothLegsNumbOrWeak = reply.Answer },
            QuestionId.WorseningWeakness => a with { LegWeaknessWorsening = reply.Answer },
            QuestionId.AccidentOrFall => a with { SeriousAccidentOrFall = reply.Answer },
            QuestionId.ChestPain => a with { ChestPain = reply.Answer },
            QuestionId.Duration => a with { DurationDays = reply.Number },
            QuestionId.Severity => a with { Severity = reply.Number },
            QuestionId.Rest => a with { EasesWithRest = reply.Answer },
            QuestionId.Night => a with { WorseAtNight = reply.Answer },
            QuestionId.LegPain => a with { SpreadsDownLeg = reply.Answer, PainLegs = reply.Legs ?? a.PainLegs, BelowKnee = reply.BelowKnee ?? a.BelowKnee },
            QuestionId.LegPainWhich => a with { PainLegs = reply.Legs },
            QuestionId.BelowKnee => a with { BelowKnee = reply.Answer },
            QuestionId.Numbness => a with { NumbnessTinglingWeakness = reply.Answer, NumbnessLegs = reply.Legs ?? a.NumbnessLegs },
            QuestionId.NumbnessWhich => a with { NumbnessLegs = reply.Legs },
            QuestionId.NumbnessWorse => a with { NumbnessGettingWorse = reply.Answer },
            QuestionId.WeightLoss => a with { WeightLoss = reply.Answer },
            QuestionId.Fever => a with { Fever = reply.Answer },
            QuestionId.Cancer => a with { CancerHistory = reply.Answer },
            QuestionId.Osteoporosis => a with { OsteoporosisOrSteroids = reply.Answer },
            QuestionId.RecentFall => a with { RecentFallOrKnock = reply.Answer },
            QuestionId.ImmuneOrDrugs => a with { WeakImmuneOrInjectingDrugs = reply.Answer },
            QuestionId.Lump => a with { LumpOrShapeChange = reply.Answer },
            QuestionId.Age => a with { Age = reply.Age },
            QuestionId.FirstEver => a with { FirstEverBackPain = reply.Answer },
            QuestionId.Recurring => a with { RecurringAndWorsening = reply.Answer },
            _ => throw new ArgumentOutOfRangeException(nameof(question), question, "Unknown question."),
        };
    }

    /// <summary>Records emergency signs the person reported in their own words, at any turn.</summary>
    /// <param name="a">The answers so far.</param>
    /// <param name="signs">The signs found.</param>
    /// <returns>The answers with each sign recorded as yes.</returns>
    public static TriageAnswers RecordEmergencySigns(TriageAnswers a, IEnumerable<RedFlag> signs)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(signs);
        foreach (var sign in signs)
        {
            a = sign switch
            {
                RedFlag.SaddleNumbness => a with { SaddleNumbness = Answer.Yes },
                RedFlag.BladderOrBowel => a with { BladderOrBowel = Answer.Yes },
                RedFlag.BothLegsNumbOrWeak => a with { BothLegsNumbOrWeak = Answer.Yes },
                RedFlag.WorseningLegWeakness => a with { LegWeaknessWorsening = Answer.Yes },
                RedFlag.SeriousAccidentOrFall => a with { SeriousAccidentOrFall = Answer.Yes },
                RedFlag.ChestPain => a with { ChestPain = Answer.Yes },
                _ => throw new ArgumentOutOfRangeException(nameof(signs), sign, "Only emergency signs are recorded this way."),
            };
        }

        return a;
    }

    private static bool IsNeeded(QuestionId question, TriageAnswers a) => question switch
    {
        QuestionId.EmergencyScreen => !a.ScreenPositive && a.SaddleNumbness is null,
        QuestionId.SaddleNumbness => a.SaddleNumbness is null,
        QuestionId.BladderOrBowel => a.BladderOrBowel is null,
        QuestionId.BothLegs => a.BothLegsNumbOrWeak is null,
        QuestionId.WorseningWeakness => a.LegWeaknessWorsening is null,
        QuestionId.AccidentOrFall => a.SeriousAccidentOrFall is null,
        QuestionId.ChestPain => a.ChestPain is null,
        QuestionId.Duration => a.DurationDays is null,
        QuestionId.Severity => a.Severity is null,
        QuestionId.Rest => a.EasesWithRest is null,
        QuestionId.Night => a.WorseAtNight is null,
        QuestionId.LegPain => a.SpreadsDownLeg is null,
        QuestionId.LegPainWhich => a.SpreadsDownLeg.CountsAsYes() && a.PainLegs is null,
        QuestionId.BelowKnee => a.SpreadsDownLeg.CountsAsYes() && a.BelowKnee is null,
        QuestionId.Numbness => a.NumbnessTinglingWeakness is null,
        QuestionId.NumbnessWhich => a.NumbnessTinglingWeakness.CountsAsYes() && a.NumbnessLegs is null,
        QuestionId.NumbnessWorse => a.NumbnessTinglingWeakness.CountsAsYes() && a.NumbnessGettingWorse is null,
        QuestionId.WeightLoss => a.WeightLoss is null,
        QuestionId.Fever => a.Fever is null,
        QuestionId.Cancer => a.CancerHistory is null,
        QuestionId.Osteoporosis => a.OsteoporosisOrSteroids is null,
        QuestionId.RecentFall => a.OsteoporosisOrSteroids.CountsAsYes() && a.RecentFallOrKnock is null,
        QuestionId.ImmuneOrDrugs => a.WeakImmuneOrInjectingDrugs is null,
        QuestionId.Lump => a.LumpOrShapeChange is null,
        QuestionId.Age => a.Age is null,
        QuestionId.FirstEver => a.Age == AgeBand.FiftyOrOver && a.FirstEverBackPain is null,
        QuestionId.Recurring => a.RecurringAndWorsening is null,
        _ => false,
    };
}
