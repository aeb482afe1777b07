using BackCare.Bot.Exercises;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;

namespace BackCare.Bot.Tests.Exercises;

/// <summary>The routine builder against the shipped catalogue: each gate of clinical rules v2 at its boundary.</summary>
public class RoutineBuilderTests
{
    private static readonly ExerciseCatalogue Catalogue = ExerciseCatalogue.Load(Path.Combine(SolutionPaths.BotProject, "Exercises", "exercises.json"));
    private readonly RoutineBuilder _sut = new(Catalogue);

    /// <summary>Someone for whom every gate is open: 34, pain easing with rest, no fragile bones, a gym, has lifted, asks for lifts.</summary>
    private static RoutineRequest Open(int pain = 2) => new(
        Disposition.SelfCare, pain, GymAccess: true, WantsLoadedLifts: true, EasesWithRest: true, LiftedBefore: true, Age: AgeBand.From20To49);

    private static readonly string[] Lifts = ["rack-pull", "lat-pulldown"];

    [Fact]
    public void Self_care_with_moderate_pain_gets_warm_up_stretches_strength_and_walking_in_that_order()
    {
        var routine = _sut.Build(Open(4) with { GymAccess = false });

        Assert.Equal(["breathing", "cat-cow", "childs-pose", "side-bend", "bird-dog", "superman", "walking"], routine.ExerciseIds);
        Assert.False(routine.OnceDoctorAgrees);
        Assert.InRange(routine.EstimatedMinutes, 5, 20);
    }

    [Fact]
    public void With_every_gate_open_the_loaded_lifts_come_after_strength_and_before_walking()
    {
        var routine = _sut.Build(Open(3));

        Assert.Equal(["breathing", "cat-cow", "childs-pose", "side-bend", "bird-dog", "superman", "rack-pull", "lat-pulldown", "walking"], routine.ExerciseIds);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Loaded_lifts_only_at_pain_three_or_less(int pain, bool expected)
    {
        var routine = _sut.Build(Open(pain));

        Assert.All(Lifts, id => Assert.Equal(expected, routine.ExerciseIds.Contains(id)));
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Superman_only_at_pain_four_or_less(int pain, bool expected)
    {
        var routine = _sut.Build(Open(pain));

        Assert.Equal(expected, routine.ExerciseIds.Contains("superman"));
        Assert.DoesNotContain("superman-easier", routine.ExerciseIds);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(7, false)]
    public void Bird_dog_only_at_pain_six_or_less(int pain, bool expected)
    {
        var routine = _sut.Build(Open(pain));

        Assert.Equal(expected, routine.ExerciseIds.Contains("bird-dog"));
        Assert.Contains("cat-cow", routine.ExerciseIds);
    }

    public static TheoryData<string, RoutineRequest> FragileOrOlder => new()
    {
        { "osteoporosis", Open() with { Osteoporosis = true } },
        { "long-term steroid tablets", Open() with { LongTermSteroids = true } },
        { "65 to 69", Open() with { Age = AgeBand.From65To69 } },
        { "70 or over", Open() with { Age = AgeBand.SeventyOrOver } },
        { "50 to 69, stored before the line at 65", Open() with { Age = AgeBand.From50To69 } },
        { "version 1's 50 or over", Open() with { Age = AgeBand.FiftyOrOver } },
        { "age not known", Open() with { Age = null } },
    };

    [Theory]
    [MemberData(nameof(FragileOrOlder))]
    public void Fragile_bones_or_65_and_over_get_no_loaded_lifts_and_only_the_easier_superman(string who, RoutineRequest request)
    {
        var routine = _sut.Build(request);

        Assert.True(Lifts.All(id => !routine.ExerciseIds.Contains(id)), who);
        Assert.DoesNotContain("superman", routine.ExerciseIds);
        Assert.Contains("superman-easier", routine.ExerciseIds);
        Assert.Contains("one arm or one leg", Catalogue["superman-easier"].Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AgeBand.From50To64, true)]
    [InlineData(AgeBand.From65To69, false)]
    public void The_age_line_is_at_65(AgeBand age, bool fullSupermanAndLifts)
    {
        var routine = _sut.Build(Open() with { Age = age });

        Assert.Equal(fullSupermanAndLifts, routine.ExerciseIds.Contains("superman"));
        Assert.Equal(!fullSupermanAndLifts, routine.ExerciseIds.Contains("superman-easier"));
        Assert.All(Lifts, id => Assert.Equal(fullSupermanAndLifts, routine.ExerciseIds.Contains(id)));
    }

    [Theory]
    [InlineData(false, true, true, true)]
    [InlineData(true, false, true, true)]
    [InlineData(true, true, false, true)]
    [InlineData(true, true, true, false)]
    public void Loaded_lifts_need_a_gym_an_opt_in_lifting_before_and_pain_that_eases_with_rest(bool gym, bool optIn, bool liftedBefore, bool easesWithRest)
    {
        var routine = _sut.Build(Open() with { GymAccess = gym, WantsLoadedLifts = optIn, LiftedBefore = liftedBefore, EasesWithRest = easesWithRest });

        Assert.All(Lifts, id => Assert.DoesNotContain(id, routine.ExerciseIds));
        Assert.Contains("superman", routine.ExerciseIds);
    }

    [Theory]
    [InlineData(Disposition.Urgent)]
    [InlineData(Disposition.Emergency)]
    public void Nothing_is_ever_offered_after_an_urgent_or_emergency_outcome(Disposition level)
    {
        var routine = _sut.Build(Open(1) with { Level = level });

        Assert.Empty(routine.ExerciseIds);
    }

    [Fact]
    public void At_doctor_level_walking_and_the_gentle_stretches_once_the_doctor_agrees()
    {
        var routine = _sut.Build(Open(2) with { Level = Disposition.Doctor });

        Assert.Equal(["breathing", "cat-cow", "childs-pose", "side-bend", "walking"], routine.ExerciseIds);
        Assert.True(routine.OnceDoctorAgrees);
    }

    [Fact]
    public void The_estimate_adds_up_the_exercises_doses()
    {
        var routine = _sut.Build(Open(5) with { Level = Disposition.Doctor });
        var seconds = routine.ExerciseIds.Sum(id => Catalogue[id].EstimatedSeconds);

        Assert.Equal((int)Math.Ceiling(seconds / 60.0), routine.EstimatedMinutes);
    }

    [Fact]
    public void A_pain_score_outside_zero_to_ten_gets_nothing()
    {
        Assert.Empty(_sut.Build(Open(11)).ExerciseIds);
    }

    [Fact]
    public void Gym_questions_are_worth_asking_only_when_a_lift_could_pass_every_other_gate()
    {
        var asked = new RoutineRequest(Disposition.SelfCare, 3, EasesWithRest: true, Age: AgeBand.From20To49);

        Assert.True(_sut.CouldOffer("loaded lift", asked));
        Assert.False(_sut.CouldOffer("loaded lift", asked with { Pain = 4 }));
        Assert.False(_sut.CouldOffer("loaded lift", asked with { EasesWithRest = false }));
        Assert.False(_sut.CouldOffer("loaded lift", asked with { Osteoporosis = true }));
        Assert.False(_sut.CouldOffer("loaded lift", asked with { Age = AgeBand.From65To69 }));
        Assert.False(_sut.CouldOffer("loaded lift", asked with { Level = Disposition.Doctor }));
    }

    [Fact]
    public void A_request_from_the_triage_reads_fragile_bones_a_missing_answer_and_rest_on_the_safe_side()
    {
        var answers = new TriageAnswers { Age = AgeBand.From50To64, EasesWithRest = Answer.NotSure, OsteoporosisOrSteroids = Answer.NotSure };

        var request = RoutineRequest.From(Disposition.SelfCare, answers, 2);

        Assert.True(request.Osteoporosis && request.LongTermSteroids);
        Assert.False(request.EasesWithRest);
        Assert.True(RoutineRequest.From(Disposition.SelfCare, new TriageAnswers { Age = AgeBand.From20To49 }, 2).Osteoporosis);
        Assert.False(RoutineRequest.From(Disposition.SelfCare, new TriageAnswers { OsteoporosisOrSteroids = Answer.No }, 2).Osteoporosis);
    }

    [Fact]
    public void Progression_moves_along_the_doses_then_to_the_harder_variant_only_where_its_gates_hold()
    {
        var stepped = _sut.Build(Open() with { Progression = 1 });
        var fragile = _sut.Build(Open() with { Osteoporosis = true, Progression = 4 });

        Assert.Equal(1, stepped.DoseLevelAt(stepped.ExerciseIds.ToList().IndexOf("superman")));
        Assert.Contains("superman-easier", fragile.ExerciseIds);
        Assert.DoesNotContain("superman", fragile.ExerciseIds);
        Assert.DoesNotContain("rack-pull", fragile.ExerciseIds);
        var easier = fragile.ExerciseIds.ToList().IndexOf("superman-easier");
        Assert.Equal(Catalogue["superman-easier"].Doses.Count - 1, fragile.DoseLevelAt(easier));
    }

    [Fact]
    public void Easing_puts_the_easier_variant_in_place_and_the_first_dose_elsewhere()
    {
        var routine = _sut.Build(Open() with { Progression = -1 });

        Assert.Contains("superman-easier", routine.ExerciseIds);
        Assert.DoesNotContain("superman", routine.ExerciseIds);
        Assert.All(routine.ExerciseIds.Select((_, i) => routine.DoseLevelAt(i)), level => Assert.Equal(0, level));
    }

    [Fact]
    public void Progressed_doses_stay_within_the_sources_doses()
    {
        Assert.All(Catalogue["bird-dog"].Doses, d => Assert.InRange(d.Sets, 3, 4));
        Assert.All(Catalogue["superman"].Doses, d => Assert.InRange(d.HoldSeconds, 3, 5));
        Assert.All(Catalogue["superman-easier"].Doses, d => Assert.InRange(d.HoldSeconds, 3, 5));
        Assert.All(Catalogue["childs-pose"].Doses, d => Assert.InRange(d.HoldSeconds, 10, 30));
        Assert.All(Catalogue["rack-pull"].Doses, d => Assert.Equal((3, 5), (d.Sets, d.Reps)));
        Assert.All(Catalogue["lat-pulldown"].Doses, d => Assert.True(d.Sets is 3 or 4 && d.Reps is >= 10 and <= 12));
    }
}
