namespace BackCare.Bot.Progress;

/// <summary>
/// Reads a person's routine sessions, as a pure function: the trend of their pain, how the next routine is
/// dosed, and when to see a doctor. After a session with falling pain, or steady low pain (3 or less), that
/// was finished without the pain going up, the routine steps up (the next dose, then the harder variant);
/// after rising pain, pain higher after than before, or "it hurts", it steps down (and from the start, to the
/// easier variant). Pain rising at each of the last three sessions, or no lower after four weeks of sessions,
/// means seeing a doctor, and the routine does not build up meanwhile. The routine builder still applies every safety gate to whatever this suggests.
/// </summary>
public static class Progression
{
    /// <summary>The highest level: more steps up than any exercise has.</summary>
    public const int MaxLevel = 4;

    /// <summary>The lowest level: the easier variant.</summary>
    public const int MinLevel = -1;

    /// <summary>Pain at or below this, and not rising, counts as steady low.</summary>
    public const int LowPain = 3;

    /// <summary>How many recent sessions the trend in words looks at.</summary>
    public const int TrendWindow = 5;

    /// <summary>After this long of sessions, pain no lower than at the first means seeing a doctor.</summary>
    public static readonly TimeSpan NoBetterAfter = TimeSpan.FromDays(28);

    /// <summary>Assesses the history.</summary>
    /// <param name="sessions">The sessions, oldest first.</param>
    /// <returns>The assessment; <c>null</c> when there are none.</returns>
    public static ProgressAssessment? Assess(IReadOnlyList<RoutineSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.Count == 0)
        {
            return null;
        }

        var level = 0;
        var change = 0;
        for (var i = 0; i < sessions.Count; i++)
        {
            change = Step(i == 0 ? null : sessions[i - 1], sessions[i]);
            level = change switch
            {
                > 0 => Math.Min(MaxLevel, level + 1),
                < 0 => level > 0 ? level - 1 : MinLevel,
                _ => level,
            };
        }

        var doctor = DoctorAdvice(sessions);
        if (doctor is not null && change > 0)
        {
            // No building up while the advice is to see a doctor.
            (level, change) = (level - 1, 0);
        }

        var window = sessions.Skip(Math.Max(0, sessions.Count - TrendWindow)).ToList();
        var (first, last) = (window[0].PainBefore, window[^1].PainBefore);
        var trend = window.Count == 1 ? Trend.FirstSession : last < first ? Trend.Falling : last > first ? Trend.Rising : Trend.Steady;
        return new ProgressAssessment(trend, first, last, window.Count, level, change, doctor);
    }

    private static int Step(RoutineSession? previous, RoutineSession session)
    {
        if (session.Aggravated || (previous is not null && session.PainBefore > previous.PainBefore))
        {
            return -1;
        }

        if (previous is null || session.End != SessionEnd.Finished)
        {
            return 0;
        }

        var falling = session.PainBefore < previous.PainBefore;
        var steadyLow = session.PainBefore == previous.PainBefore && session.PainBefore <= LowPain;
        return falling || steadyLow ? 1 : 0;
    }

    private static DoctorReason? DoctorAdvice(IReadOnlyList<RoutineSession> sessions)
    {
        if (sessions.Count >= 3 && sessions[^3].PainBefore < sessions[^2].PainBefore && sessions[^2].PainBefore < sessions[^1].PainBefore)
        {
            return DoctorReason.RisingOverThreeSessions;
        }

        var (first, last) = (sessions[0], sessions[^1]);
        if (last.Date - first.Date >= NoBetterAfter && last.PainBefore >= first.PainBefore)
        {
            return DoctorReason.NoBetterAfterFourWeeks;
        }

        return null;
    }
}
