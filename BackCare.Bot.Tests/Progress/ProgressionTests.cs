using BackCare.Bot.Progress;

namespace BackCare.Bot.Tests.Progress;

public class ProgressionTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    private static List<RoutineSession> Sessions(params (int Before, int? After)[] pains)
        => pains.Select((p, i) => new RoutineSession(Day1.AddDays(i), p.Before, p.After, ["cat-cow"], [], SessionEnd.Finished)).ToList();

    [Fact]
    public void No_sessions_have_no_assessment()
    {
        Assert.Null(Progression.Assess([]));
    }

    [Fact]
    public void One_session_is_the_first_and_holds_the_level()
    {
        var sut = Progression.Assess(Sessions((2, 2)))!;

        Assert.Equal((Trend.FirstSession, 0, 0, (DoctorReason?)null), (sut.Trend, sut.Level, sut.Change, sut.Doctor));
    }

    [Fact]
    public void Steady_low_pain_over_three_sessions_progresses_twice()
    {
        var sut = Progression.Assess(Sessions((2, 2), (2, 1), (2, 2)))!;

        Assert.Equal((Trend.Steady, 2, 1, (DoctorReason?)null), (sut.Trend, sut.Level, sut.Change, sut.Doctor));
    }

    [Fact]
    public void Steady_pain_above_low_holds()
    {
        var sut = Progression.Assess(Sessions((5, 5), (5, 5), (5, 4)))!;

        Assert.Equal((Trend.Steady, 0), (sut.Trend, sut.Level));
    }

    [Fact]
    public void Falling_pain_progresses()
    {
        var sut = Progression.Assess(Sessions((6, 5), (5, 4), (4, 3)))!;

        Assert.Equal((Trend.Falling, 6, 4, 2), (sut.Trend, sut.First, sut.Last, sut.Level));
    }

    [Fact]
    public void Rising_pain_eases_to_the_easier_variant()
    {
        var sut = Progression.Assess(Sessions((2, 2), (3, 3)))!;

        Assert.Equal((Trend.Rising, Progression.MinLevel, -1), (sut.Trend, sut.Level, sut.Change));
    }

    [Fact]
    public void Pain_higher_after_than_before_or_a_session_that_hurt_eases_a_step()
    {
        var higherAfter = Sessions((2, 2), (2, 2), (2, 4));
        var hurt = Sessions((2, 2), (2, 2));
        hurt.Add(new RoutineSession(Day1.AddDays(2), 2, null, [], ["superman"], SessionEnd.Hurt));

        Assert.Equal(0, Progression.Assess(higherAfter)!.Level);
        Assert.Equal(0, Progression.Assess(hurt)!.Level);
    }

    [Fact]
    public void A_stopped_session_does_not_progress()
    {
        var sessions = Sessions((2, 2));
        sessions.Add(new RoutineSession(Day1.AddDays(1), 2, 2, ["breathing"], [], SessionEnd.Stopped));

        Assert.Equal(0, Progression.Assess(sessions)!.Level);
    }

    [Fact]
    public void Pain_rising_at_each_of_three_sessions_means_seeing_a_doctor()
    {
        Assert.Equal(DoctorReason.RisingOverThreeSessions, Progression.Assess(Sessions((2, 2), (3, 3), (4, 4)))!.Doctor);
        Assert.Null(Progression.Assess(Sessions((2, 2), (3, 3), (3, 3)))!.Doctor);
        Assert.Null(Progression.Assess(Sessions((3, 3), (4, 4)))!.Doctor);
    }

    [Theory]
    [InlineData(27, 4, null)]
    [InlineData(28, 4, DoctorReason.NoBetterAfterFourWeeks)]
    [InlineData(28, 5, DoctorReason.NoBetterAfterFourWeeks)]
    [InlineData(28, 3, null)]
    public void No_better_after_four_weeks_of_sessions_means_seeing_a_doctor(int days, int lastPain, DoctorReason? expected)
    {
        var sessions = new List<RoutineSession>
        {
            new(Day1, 4, 4, [], [], SessionEnd.Finished),
            new(Day1.AddDays(days / 2), 4, 4, [], [], SessionEnd.Finished),
            new(Day1.AddDays(days), lastPain, lastPain, [], [], SessionEnd.Finished),
        };

        Assert.Equal(expected, Progression.Assess(sessions)!.Doctor);
    }

    [Fact]
    public void Steady_low_pain_after_four_weeks_advises_a_doctor_and_does_not_build_up()
    {
        var sessions = new List<RoutineSession> { new(Day1, 3, 3, [], [], SessionEnd.Finished), new(Day1.AddDays(28), 3, 3, [], [], SessionEnd.Finished) };

        var sut = Progression.Assess(sessions)!;

        Assert.Equal((DoctorReason.NoBetterAfterFourWeeks, 0, 0), (sut.Doctor!.Value, sut.Level, sut.Change));
    }

    [Fact]
    public void The_level_never_passes_its_bounds()
    {
        var many = Sessions(Enumerable.Repeat<(int, int?)>((1, 1), 10).ToArray());
        var falling = Sessions((2, 2), (3, 3), (4, 4), (5, 5));

        Assert.Equal(Progression.MaxLevel, Progression.Assess(many)!.Level);
        Assert.Equal(Progression.MinLevel, Progression.Assess(falling)!.Level);
    }
}
