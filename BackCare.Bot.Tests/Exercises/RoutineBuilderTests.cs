using BackCare.Bot.Exercises;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;

namespace BackCare.Bot.Tests.Exercises;

public class RoutineBuilderTests
{
    private static readonly ExerciseCatalogue Catalogue = ExerciseCatalogue.Load(Path.Combine(SolutionPaths.BotProject, "Exercises", "exercises.json"));
    private readonly RoutineBuilder _sut = new(Catalogue);

    [Fact]
    public void Self_care_with_moderate_pain_gets_warm_up_stretches_strength_and_walking_in_that_order()
    {
        var routine = _sut.Build(new RoutineRequest(Disposition.SelfCare, Pain: 4));

        Assert.Equal(["breathing", "cat-cow", "childs-pose", "side-bend", "bird-dog", "superman", "walking"], routine.ExerciseIds);
        Assert.False(routine.OnceDoctorAgrees);
        Assert.InRange(routine.EstimatedMinutes, 5, 20);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(7, false)]
    [InlineData(10, false)]
    public void Strength_exercises_only_at_pain_six_or_less(int pain, bool expected)
    {
        var routine = _sut.Build(new RoutineRequest(Disposition.SelfCare, pain));

        Assert.Equal(expected, routine.ExerciseIds.Contains("superman"));
        Assert.Equal(expected, routine.ExerciseIds.Contains("bird-dog"));
        Assert.Contains("cat-cow", routine.ExerciseIds);
    }

    [Theory]
    [InlineData(3, true, true, true)]
    [InlineData(4, true, true, false)]
    [InlineData(3, false, true, false)]
    [InlineData(3, true, false, false)]
    [InlineData(0, true, true, true)]
    public void Loaded_lifts_only_with_low_pain_a_gym_and_an_opt_in(int pain, bool gym, bool optIn, bool expected)
    {
        var routine = _sut.Build(new RoutineRequest(Disposition.SelfCare, pain, gym, optIn));

        Assert.Equal(expected, routine.ExerciseIds.Contains("rack-pull"));
        Assert.Equal(expected, routine.ExerciseIds.Contains("lat-pulldown"));
    }

    [Theory]
    [InlineData(Disposition.Urgent)]
    [InlineData(Disposition.Emergency)]
    public void Nothing_is_ever_offered_after_an_urgent_or_emergency_outcome(Disposition level)
    {
        var routine = _sut.Build(new RoutineRequest(level, Pain: 1, GymAccess: true, WantsLoadedLifts: true));

        Assert.Empty(routine.ExerciseIds);
    }

    [Fact]
    public void At_doctor_level_only_the_gentle_stretches_once_the_doctor_agrees()
    {
        var routine = _sut.Build(new RoutineRequest(Disposition.Doctor, Pain: 2, GymAccess: true, WantsLoadedLifts: true));

        Assert.Equal(["breathing", "cat-cow", "childs-pose", "side-bend"], routine.ExerciseIds);
        Assert.True(routine.OnceDoctorAgrees);
    }

    [Fact]
    public void The_estimate_adds_up_the_exercises_doses()
    {
        var routine = _sut.Build(new RoutineRequest(Disposition.Doctor, Pain: 5));
        var seconds = routine.ExerciseIds.Sum(id => Catalogue[id].EstimatedSeconds);

        Assert.Equal((int)Math.Ceiling(seconds / 60.0), routine.EstimatedMinutes);
    }

    [Fact]
    public void A_pain_score_outside_zero_to_ten_gets_nothing()
    {
        Assert.Empty(_sut.Build(new RoutineRequest(Disposition.SelfCare, Pain: 11)).ExerciseIds);
    }
}
