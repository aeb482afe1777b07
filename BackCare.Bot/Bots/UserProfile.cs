using BackCare.Bot.Exercises;
using BackCare.Bot.Progress;
using BackCare.Bot.Triage;

namespace BackCare.Bot.Bots;

/// <summary>What BackCare keeps about a person across conversations; removed by "delete my data".</summary>
public sealed class UserProfile
{
    /// <summary>Gets a routine the person left partway, to offer in their next conversation.</summary>
    [Newtonsoft.Json.JsonProperty]
    public UnfinishedRoutine? UnfinishedRoutine { get; private set; }

    /// <summary>Keeps where the person is in a routine, with the triage it followed.</summary>
    /// <param name="routine">The routine left partway.</param>
    public void KeepUnfinishedRoutine(UnfinishedRoutine routine) => UnfinishedRoutine = routine;

    /// <summary>Forgets the unfinished routine: it was finished, carried on, declined, or a warning sign was heard.</summary>
    public void ForgetUnfinishedRoutine() => UnfinishedRoutine = null;

    /// <summary>How many routine sessions are kept: the oldest go first.</summary>
    public const int MaxSessions = 60;

    /// <summary>Gets the person's routine sessions, oldest first (at most <see cref="MaxSessions"/>); empty in profiles saved before they were kept.</summary>
    [Newtonsoft.Json.JsonProperty]
    public IReadOnlyList<RoutineSession> Sessions { get; private set; } = [];

    /// <summary>Gets whether the person has lifted weights before; <c>null</c> until asked.</summary>
    [Newtonsoft.Json.JsonProperty]
    public bool? LiftedWeightsBefore { get; private set; }

    /// <summary>Records a finished, stopped or painful routine session, keeping the latest <see cref="MaxSessions"/>.</summary>
    /// <param name="session">The session.</param>
    public void RecordSession(RoutineSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Sessions = Sessions.Append(session).OrderBy(s => s.Date).TakeLast(MaxSessions).ToArray();
    }

    /// <summary>Notes whether the person has lifted weights before.</summary>
    /// <param name="lifted">Their answer.</param>
    public void NoteLiftedWeightsBefore(bool lifted) => LiftedWeightsBefore = lifted;
    /// <summary>Gets the local time of the person's daily reminder ("19:00"), or <c>null</c> when none is set (the schedule itself is in <see cref="Proactive.ReminderSchedule"/>).</summary>
    [Newtonsoft.Json.JsonProperty]
    public string? ReminderAt { get; private set; }

    /// <summary>Gets the time zone the person's reminder follows, kept after reminders stop so it is not asked again.</summary>
    [Newtonsoft.Json.JsonProperty]
    public string? ReminderZone { get; private set; }

    /// <summary>Notes the person's daily reminder.</summary>
    /// <param name="at">The local time, "19:00".</param>
    /// <param name="zone">The time zone.</param>
    public void SetReminder(string at, string zone)
    {
        ReminderAt = at;
        ReminderZone = zone;
    }

    /// <summary>Notes that the person's reminders stopped.</summary>
    public void StopReminder() => ReminderAt = null;
}

/// <summary>A routine left partway, with the triage it was offered after.</summary>
/// <param name="progress">Where the person was.</param>
/// <param name="answers">The triage answers it followed.</param>
/// <param name="outcome">The triage outcome it followed (self-care or doctor level only).</param>
/// <param name="savedAt">When it was last saved.</param>
public sealed class UnfinishedRoutine(RoutineProgress progress, TriageAnswers answers, TriageOutcome outcome, DateTimeOffset savedAt)
{
    /// <summary>How long an unfinished routine is offered again; after that the symptoms are checked afresh.</summary>
    public static readonly TimeSpan OfferedFor = TimeSpan.FromDays(7);

    public RoutineProgress Progress { get; } = progress;

    public TriageAnswers Answers { get; } = answers;

    public TriageOutcome Outcome { get; } = outcome;

    public DateTimeOffset SavedAt { get; } = savedAt;
}
