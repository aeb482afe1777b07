using BackCare.Bot.Triage;

namespace BackCare.Bot.Tests.Triage;

public class TriageRulesTests
{
    /// <summary>Someone with short, mild pain and no warning signs: every question answered, all clear.</summary>
    private static readonly TriageAnswers AllClear = new()
    {
        SaddleNumbness = Answer.No,
        BladderOrBowel = Answer.No,
        BothLegsNumbOrWeak = Answer.No,
        LegWeaknessWorsening = Answer.No,
        SeriousAccidentOrFall = Answer.No,
        ChestPain = Answer.No,
        DurationDays = 5,
        Severity = 4,
        EasesWithRest = Answer.Yes,
        WorseAtNight = Answer.No,
        SpreadsDownLeg = Answer.No,
        NumbnessTinglingWeakness = Answer.No,
        WeightLoss = Answer.No,
        Fever = Answer.No,
        CancerHistory = Answer.No,
        OsteoporosisOrSteroids = Answer.No,
        WeakImmuneOrInjectingDrugs = Answer.No,
        LumpOrShapeChange = Answer.No,
        Age = AgeBand.Under50,
        RecurringAndWorsening = Answer.No,
    };

    public static TheoryData<string, TriageAnswers, Disposition, RedFlag> SingleFindings => new()
    {
        { "saddle numbness", AllClear with { SaddleNumbness = Answer.Yes }, Disposition.Emergency, RedFlag.SaddleNumbness },
        { "bladder or bowel", AllClear with { BladderOrBowel = Answer.Yes }, Disposition.Emergency, RedFlag.BladderOrBowel },
        { "both legs on the screen", AllClear with { BothLegsNumbOrWeak = Answer.Yes }, Disposition.Emergency, RedFlag.BothLegsNumbOrWeak },
        { "both legs from the leg questions", AllClear with { NumbnessTinglingWeakness = Answer.Yes, NumbnessLegs = Legs.Both, NumbnessGettingWorse = Answer.No }, Disposition.Emergency, RedFlag.BothLegsNumbOrWeak },
        { "worsening weakness on the screen", AllClear with { LegWeaknessWorsening = Answer.Yes }, Disposition.Emergency, RedFlag.WorseningLegWeakness },
        { "one leg getting worse", AllClear with { NumbnessTinglingWeakness = Answer.Yes, NumbnessLegs = Legs.One, NumbnessGettingWorse = Answer.Yes }, Disposition.Emergency, RedFlag.WorseningLegWeakness },
        { "serious accident", AllClear with { SeriousAccidentOrFall = Answer.Yes }, Disposition.Emergency, RedFlag.SeriousAccidentOrFall },
        { "chest pain", AllClear with { ChestPain = Answer.Yes }, Disposition.Emergency, RedFlag.ChestPain },
        { "fever", AllClear with { Fever = Answer.Yes }, Disposition.Urgent, RedFlag.Fever },
        { "weight loss", AllClear with { WeightLoss = Answer.Yes }, Disposition.Urgent, RedFlag.WeightLoss },
        { "not eased by rest, at a low score", AllClear with { Severity = 2, EasesWithRest = Answer.No }, Disposition.Urgent, RedFlag.NoReliefFromRest },
        { "changed sexual function", AllClear with { SexualFunction = Answer.Yes }, Disposition.Emergency, RedFlag.SexualFunction },
        { "pain down both legs", AllClear with { SpreadsDownLeg = Answer.Yes, PainLegs = Legs.Both }, Disposition.Emergency, RedFlag.BothLegsNumbOrWeak },
        { "worse with a sneeze, cough or poo", AllClear with { SneezeCoughOrPoo = Answer.Yes }, Disposition.Urgent, RedFlag.SneezeCoughOrPoo },
        { "upper back", AllClear with { PainSite = PainSite.Upper }, Disposition.Urgent, RedFlag.UpperBackPain },
        { "upper and lower back", AllClear with { PainSite = PainSite.Both }, Disposition.Urgent, RedFlag.UpperBackPain },
        { "a spinal injection lately", AllClear with { RecentSpinalProcedure = Answer.Yes }, Disposition.Urgent, RedFlag.RecentSpinalProcedure },
        { "70 or over with a small fall", AllClear with { Age = AgeBand.SeventyOrOver, RecentFallOrKnock = Answer.Yes }, Disposition.Urgent, RedFlag.FallWithOsteoporosisOrSteroids },
        { "steroid tablets without a fall", AllClear with { OsteoporosisOrSteroids = Answer.Yes, RecentFallOrKnock = Answer.No }, Disposition.Doctor, RedFlag.OsteoporosisOrSteroids },
        { "16 to 19", AllClear with { Age = AgeBand.From16To19 }, Disposition.Doctor, RedFlag.UnderTwenty },
        { "new pain at 50 to 69", AllClear with { Age = AgeBand.From50To69, FirstEverBackPain = Answer.Yes }, Disposition.Doctor, RedFlag.FirstEverOver50 },
        { "worse at night", AllClear with { WorseAtNight = Answer.Yes }, Disposition.Urgent, RedFlag.WorseAtNight },
        { "one leg numb", AllClear with { NumbnessTinglingWeakness = Answer.Yes, NumbnessLegs = Legs.One, NumbnessGettingWorse = Answer.No }, Disposition.Urgent, RedFlag.OneLegNumbOrWeak },
        { "cancer history", AllClear with { CancerHistory = Answer.Yes }, Disposition.Urgent, RedFlag.CancerHistory },
        { "osteoporosis with a fall", AllClear with { OsteoporosisOrSteroids = Answer.Yes, RecentFallOrKnock = Answer.Yes }, Disposition.Urgent, RedFlag.FallWithOsteoporosisOrSteroids },
        { "lump or change of shape", AllClear with { LumpOrShapeChange = Answer.Yes }, Disposition.Urgent, RedFlag.LumpOrShapeChange },
        { "weak immune system or drugs", AllClear with { WeakImmuneOrInjectingDrugs = Answer.Yes }, Disposition.Urgent, RedFlag.WeakImmuneOrInjectingDrugs },
        { "four weeks", AllClear with { DurationDays = 28 }, Disposition.Doctor, RedFlag.LastedFourWeeksOrMore },
        { "below the knee", AllClear with { SpreadsDownLeg = Answer.Yes, PainLegs = Legs.One, BelowKnee = Answer.Yes }, Disposition.Doctor, RedFlag.PainBelowKnee },
        { "first ever, over 50", AllClear with { Age = AgeBand.FiftyOrOver, FirstEverBackPain = Answer.Yes }, Disposition.Doctor, RedFlag.FirstEverOver50 },
        { "recurring and worsening", AllClear with { RecurringAndWorsening = Answer.Yes }, Disposition.Doctor, RedFlag.RecurringAndWorsening },
    };

    [Fact]
    public void No_warning_sign_is_self_care_with_no_reasons()
    {
        var outcome = TriageRules.Decide(AllClear);

        Assert.Equal(Disposition.SelfCare, outcome.Level);
        Assert.Empty(outcome.Reasons);
        Assert.True(outcome.AllowsExercise);
    }

    [Theory]
    [MemberData(nameof(SingleFindings))]
    public void Each_rule_sets_its_level_and_names_its_reason(string because, TriageAnswers answers, Disposition expected, RedFlag flag)
    {
        var outcome = TriageRules.Decide(answers);

        Assert.True(expected == outcome.Level, because);
        var reason = Assert.Single(outcome.Reasons);
        Assert.Equal(flag, reason.Flag);
        Assert.False(reason.FromNotSure);
        Assert.Equal(expected, TriageRules.LevelOf(flag));
    }

    [Theory]
    [MemberData(nameof(SingleFindings))]
    public void Not_sure_counts_as_yes_and_is_marked_as_such(string because, TriageAnswers answers, Disposition expected, RedFlag flag)
    {
        _ = because;
        var unsure = ToNotSure(answers, flag);
        if (unsure is null)
        {
            return; // Duration and severity are numbers, not yes/no.
        }

        var outcome = TriageRules.Decide(unsure);

        Assert.Equal(expected, outcome.Level);
        Assert.True(Assert.Single(outcome.Reasons).FromNotSure);
    }

    [Theory]
    [InlineData(0, Answer.No, Disposition.Urgent)]
    [InlineData(6, Answer.No, Disposition.Urgent)]
    [InlineData(7, Answer.No, Disposition.Urgent)]
    [InlineData(7, Answer.NotSure, Disposition.Urgent)]
    [InlineData(7, Answer.Yes, Disposition.SelfCare)]
    [InlineData(10, Answer.Yes, Disposition.SelfCare)]
    public void Pain_that_rest_does_not_ease_is_urgent_at_any_score(int severity, Answer easesWithRest, Disposition expected)
    {
        Assert.Equal(expected, TriageRules.Decide(AllClear with { Severity = severity, EasesWithRest = easesWithRest }).Level);
    }

    [Theory]
    [InlineData(21, Disposition.SelfCare)]
    [InlineData(27, Disposition.SelfCare)]
    [InlineData(28, Disposition.Doctor)]
    [InlineData(365, Disposition.Doctor)]
    public void Pain_of_four_weeks_or_more_needs_a_doctor(int days, Disposition expected)
    {
        Assert.Equal(expected, TriageRules.Decide(AllClear with { DurationDays = days }).Level);
    }

    [Theory]
    [InlineData(Legs.One, Disposition.Urgent)]
    [InlineData(Legs.Both, Disposition.Emergency)]
    [InlineData(Legs.NotSure, Disposition.Emergency)]
    public void Numbness_in_one_leg_is_urgent_and_in_both_is_an_emergency(Legs legs, Disposition expected)
    {
        var answers = AllClear with { NumbnessTinglingWeakness = Answer.Yes, NumbnessLegs = legs, NumbnessGettingWorse = Answer.No };

        Assert.Equal(expected, TriageRules.Decide(answers).Level);
    }

    [Fact]
    public void Pain_down_a_leg_that_stops_above_the_knee_is_not_a_finding()
    {
        var answers = AllClear with { SpreadsDownLeg = Answer.Yes, PainLegs = Legs.One, BelowKnee = Answer.No };

        Assert.Equal(Disposition.SelfCare, TriageRules.Decide(answers).Level);
    }

    [Fact]
    public void Osteoporosis_without_a_fall_needs_a_doctor_and_with_a_fall_is_urgent()
    {
        Assert.Equal(Disposition.Doctor, TriageRules.Decide(AllClear with { OsteoporosisOrSteroids = Answer.Yes, RecentFallOrKnock = Answer.No }).Level);
        Assert.Equal(Disposition.Urgent, TriageRules.Decide(AllClear with { OsteoporosisOrSteroids = Answer.Yes, RecentFallOrKnock = Answer.Yes }).Level);
    }

    [Theory]
    [InlineData(AgeBand.From50To69, Disposition.SelfCare)]
    [InlineData(AgeBand.SeventyOrOver, Disposition.Urgent)]
    public void A_small_fall_is_urgent_from_seventy(AgeBand age, Disposition expected)
    {
        Assert.Equal(expected, TriageRules.Decide(AllClear with { Age = age, RecentFallOrKnock = Answer.Yes }).Level);
    }

    [Theory]
    [InlineData(AgeBand.Under16, true)]
    [InlineData(AgeBand.From16To19, false)]
    public void Someone_under_sixteen_is_not_triaged_or_offered_exercise(AgeBand age, bool notTriaged)
    {
        var answers = AllClear with { Age = age };

        Assert.Equal(notTriaged, TriageRules.Decide(answers).UnderSixteen);
        Assert.Equal(!notTriaged, TriageRules.Decide(answers).AllowsExercise);
        Assert.Equal(notTriaged, TriageInterview.NextQuestion(new TriageAnswers { Age = age, SaddleNumbness = Answer.No, BladderOrBowel = Answer.No, SexualFunction = Answer.No, BothLegsNumbOrWeak = Answer.No, LegWeaknessWorsening = Answer.No, SeriousAccidentOrFall = Answer.No, ChestPain = Answer.No }) is null);
    }

    [Fact]
    public void An_emergency_outranks_everything_and_stops_the_questions()
    {
        var answers = new TriageAnswers { SexualFunction = Answer.NotSure, Fever = Answer.Yes };

        Assert.Equal(Disposition.Emergency, TriageRules.Decide(answers).Level);
        Assert.Null(TriageInterview.NextQuestion(answers));
    }

    [Fact]
    public void First_back_pain_under_50_is_not_a_finding()
    {
        Assert.Equal(Disposition.SelfCare, TriageRules.Decide(AllClear with { Age = AgeBand.Under50, FirstEverBackPain = Answer.Yes }).Level);
    }

    [Fact]
    public void The_most_urgent_level_wins_and_lower_findings_are_kept_as_other_concerns()
    {
        var answers = AllClear with { DurationDays = 60, Fever = Answer.Yes, ChestPain = Answer.Yes, WeightLoss = Answer.Yes };

        var outcome = TriageRules.Decide(answers);

        Assert.Equal(Disposition.Emergency, outcome.Level);
        Assert.Equal([RedFlag.ChestPain], outcome.Reasons.Select(r => r.Flag));
        Assert.Equal([RedFlag.Fever, RedFlag.WeightLoss, RedFlag.LastedFourWeeksOrMore], outcome.OtherConcerns.Select(r => r.Flag));
        Assert.False(outcome.AllowsExercise);
    }

    [Fact]
    public void Every_reason_at_the_winning_level_is_listed()
    {
        var outcome = TriageRules.Decide(AllClear with { Fever = Answer.Yes, CancerHistory = Answer.NotSure });

        Assert.Equal(Disposition.Urgent, outcome.Level);
        Assert.Equal([RedFlag.Fever, RedFlag.CancerHistory], outcome.Reasons.Select(r => r.Flag));
        Assert.False(outcome.AllowsExercise);
    }

    [Fact]
    public void An_emergency_answer_alone_decides_even_when_the_rest_was_not_asked()
    {
        var outcome = TriageRules.Decide(new TriageAnswers { SaddleNumbness = Answer.No, BladderOrBowel = Answer.Yes });

        Assert.Equal(Disposition.Emergency, outcome.Level);
    }

    [Fact]
    public void Doctor_level_still_allows_the_gentle_stretches()
    {
        Assert.True(TriageRules.Decide(AllClear with { DurationDays = 40 }).AllowsExercise);
    }

    private static TriageAnswers? ToNotSure(TriageAnswers answers, RedFlag flag) => flag switch
    {
        RedFlag.SaddleNumbness => answers with { SaddleNumbness = Answer.NotSure },
        RedFlag.BladderOrBowel => answers with { BladderOrBowel = Answer.NotSure },
        RedFlag.BothLegsNumbOrWeak when answers.BothLegsNumbOrWeak == Answer.Yes => answers with { BothLegsNumbOrWeak = Answer.NotSure },
        RedFlag.BothLegsNumbOrWeak when answers.PainLegs == Legs.Both => answers with { PainLegs = Legs.NotSure },
        RedFlag.BothLegsNumbOrWeak => answers with { NumbnessTinglingWeakness = Answer.NotSure },
        RedFlag.WorseningLegWeakness when answers.LegWeaknessWorsening == Answer.Yes => answers with { LegWeaknessWorsening = Answer.NotSure },
        RedFlag.WorseningLegWeakness => answers with { NumbnessGettingWorse = Answer.NotSure },
        RedFlag.SeriousAccidentOrFall => answers with { SeriousAccidentOrFall = Answer.NotSure },
        RedFlag.ChestPain => answers with { ChestPain = Answer.NotSure },
        RedFlag.Fever => answers with { Fever = Answer.NotSure },
        RedFlag.WeightLoss => answers with { WeightLoss = Answer.NotSure },
        RedFlag.NoReliefFromRest => answers with { EasesWithRest = Answer.NotSure },
        RedFlag.SexualFunction => answers with { SexualFunction = Answer.NotSure },
        RedFlag.SneezeCoughOrPoo => answers with { SneezeCoughOrPoo = Answer.NotSure },
        RedFlag.RecentSpinalProcedure => answers with { RecentSpinalProcedure = Answer.NotSure },
        RedFlag.WorseAtNight => answers with { WorseAtNight = Answer.NotSure },
        RedFlag.OneLegNumbOrWeak => answers with { NumbnessTinglingWeakness = Answer.NotSure },
        RedFlag.CancerHistory => answers with { CancerHistory = Answer.NotSure },
        RedFlag.FallWithOsteoporosisOrSteroids => answers with { RecentFallOrKnock = Answer.NotSure },
        RedFlag.LumpOrShapeChange => answers with { LumpOrShapeChange = Answer.NotSure },
        RedFlag.WeakImmuneOrInjectingDrugs => answers with { WeakImmuneOrInjectingDrugs = Answer.NotSure },
        RedFlag.PainBelowKnee => answers with { BelowKnee = Answer.NotSure },
        RedFlag.FirstEverOver50 => answers with { FirstEverBackPain = Answer.NotSure },
        RedFlag.RecurringAndWorsening => answers with { RecurringAndWorsening = Answer.NotSure },
        _ => null,
    };
}
