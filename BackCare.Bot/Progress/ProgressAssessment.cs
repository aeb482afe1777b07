namespace BackCare.Bot.Progress;

/// <summary>Which way the pain before the sessions has gone.</summary>
public enum Trend
{
    /// <summary>Only one session so far.</summary>
    FirstSession,

    /// <summary>Lower than at the start of the window.</summary>
    Falling,

    /// <summary>The same as at the start of the window.</summary>
    Steady,

    /// <summary>Higher than at the start of the window.</summary>
    Rising,
}

/// <summary>Why the person should see a doctor, from their sessions.</summary>
public enum DoctorReason
{
    /// <summary>The pain before the session went up at each of the last three sessions.</summary>
    RisingOverThreeSessions,

    /// <summary>After four weeks or more of sessions, the pain is no lower than at the first.</summary>
    NoBetterAfterFourWeeks,
}

/// <summary>What the history says: the trend, how the next routine is dosed, and whether to see a doctor.</summary>
/// <param name="Trend">The trend of the pain before the recent sessions.</param>
/// <param name="First">The pain before the first session of the window.</param>
/// <param name="Last">The pain before the latest session.</param>
/// <param name="Sessions">How many sessions the window holds.</param>
/// <param name="Level">How far the next routine progresses (above 0) or eases (below 0).</param>
/// <param name="Change">How the last session changed the level: +1 progressed, -1 eased, 0 held.</param>
/// <param name="Doctor">Why to see a doctor, or <c>null</c>.</param>
public sealed record ProgressAssessment(Trend Trend, int First, int Last, int Sessions, int Level, int Change, DoctorReason? Doctor);
