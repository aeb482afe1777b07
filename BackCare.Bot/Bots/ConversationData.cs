using BackCare.Bot.Exercises;
using BackCare.Bot.Triage;
using Newtonsoft.Json;

namespace BackCare.Bot.Bots;

/// <summary>
/// The session: what BackCare keeps about one conversation, saved with its state and removed by "delete my
/// data". It changes only through its named transitions (ask, record, correct, note signs, decide, plan, enter
/// and leave the routine, start again), so every rule about what goes with what lives here.
/// </summary>
public sealed class ConversationData
{
    /// <summary>The longest piece of a person's own words kept for the summary.</summary>
    public const int MaxWordsKept = 200;

    /// <summary>Gets or sets a value indicating whether the welcome has been sent (once per conversation).</summary>
    public bool Welcomed { get; set; }

    /// <summary>Gets the triage answers so far.</summary>
    [JsonProperty]
    public TriageAnswers Answers { get; private set; } = new();

    /// <summary>Gets the triage outcome, once decided.</summary>
    [JsonProperty]
    public TriageOutcome? Outcome { get; private set; }

    /// <summary>Gets the triage question being asked, for "help"; <c>null</c> between questions.</summary>
    [JsonProperty]
    public QuestionId? CurrentQuestion { get; private set; }

    /// <summary>Gets what the person typed, per question, where they typed rather than tapped (for the summary).</summary>
    [JsonProperty]
    public Dictionary<QuestionId, string> Said { get; private set; } = [];

    /// <summary>Gets the question whose answer was just read back, so the next message may correct it.</summary>
    [JsonProperty]
    public QuestionId? ReadBack { get; private set; }

    /// <summary>Gets a value indicating whether a routine is running (its own words for stop and help apply).</summary>
    [JsonProperty]
    public bool InRoutine { get; private set; }

    /// <summary>Gets where the person is in their routine, while one is planned or running.</summary>
    [JsonProperty]
    public RoutineProgress? Routine { get; private set; }

    /// <summary>Gets how many triage questions have been asked since the start, for "question 4 of about 11".</summary>
    [JsonProperty]
    public int QuestionsAsked { get; private set; }

    /// <summary>
    /// Gets the step whose card buttons are live: the step of the card in the last message of the last turn, or
    /// <c>null</c> when that message had none. A tap on a button of any other step is from an old card.
    /// </summary>
    [JsonProperty]
    public string? LiveCardStep { get; private set; }

    /// <summary>Records what the last message of a turn asked: the step its card's buttons belong to, if any.</summary>
    /// <param name="step">The step, or <c>null</c>.</param>
    public void ShowedCardFor(string? step) => LiveCardStep = step;

    /// <summary>
    /// Gets the highest pain score reported after the triage's severity question (after a routine, for example),
    /// for the exercise gates. Kept through "start over": the gates use the highest pain of the whole conversation.
    /// </summary>
    [JsonProperty]
    public int? LaterPain { get; private set; }

    /// <summary>Notes a pain score the person reported after the triage.</summary>
    /// <param name="score">The score, 0–10.</param>
    public void NotePain(int score) => LaterPain = Math.Max(LaterPain ?? 0, score);

    /// <summary>The highest pain the person reported in this conversation (the triage's severity and any later score); 10 when none is known.</summary>
    /// <returns>The score, 0–10.</returns>
    public int HighestPain() => Math.Max(Answers.Severity ?? 10, LaterPain ?? 0);
    /// <summary>Gets the id of the routine timer running now, or <c>null</c>; any message from the person clears it.</summary>
    [JsonProperty]
    public string? TimerId { get; private set; }

    /// <summary>Gets the reminder time ("19:00") waiting for the person to say their time zone, or <c>null</c>.</summary>
    [JsonProperty]
    public string? ReminderAwaitingZone { get; private set; }

    /// <summary>Starts a routine timer: only this one may say "time's up".</summary>
    /// <param name="id">The timer's id.</param>
    public void StartTimer(string id) => TimerId = id;

    /// <summary>The person wrote something: a running timer says nothing when it ends.</summary>
    public void CancelTimer() => TimerId = null;

    /// <summary>A timer ended: whether it is still the current one (then it is over, and says "time's up").</summary>
    /// <param name="id">The timer's id.</param>
    /// <returns><c>true</c> when it was current and no message came since it started.</returns>
    public bool EndTimer(string id)
    {
        if (TimerId is null || !string.Equals(TimerId, id, StringComparison.Ordinal))
        {
            return false;
        }

        TimerId = null;
        return true;
    }

    /// <summary>Asks which time zone a reminder's time is in.</summary>
    /// <param name="at">The reminder's local time, "HH:mm".</param>
    public void AskReminderZone(string at) => ReminderAwaitingZone = at;

    /// <summary>The reminder time waiting for a time zone, once: the next message answers it or not.</summary>
    /// <returns>The time, or <c>null</c>.</returns>
    public string? TakeReminderAwaitingZone()
    {
        var at = ReminderAwaitingZone;
        ReminderAwaitingZone = null;
        return at;
    }

    /// <summary>Asks a triage question.</summary>
    /// <param name="question">The question.</param>
    public void Ask(QuestionId question)
    {
        CurrentQuestion = question;
        QuestionsAsked++;
    }

    /// <summary>Records the reply to the question being asked.</summary>
    /// <param name="question">The question.</param>
    /// <param name="reply">The reply as read.</param>
    /// <param name="typed">What the person typed, or <c>null</c> for a button.</param>
    public void Record(QuestionId question, Reply reply, string? typed)
    {
        ArgumentNullException.ThrowIfNull(reply);
        Answers = TriageInterview.Apply(Answers, question, reply);
        CurrentQuestion = null;
        Keep(question, typed);
        ReadBack = reply.FromWords ? question : null;
    }

    /// <summary>Changes the answer just read back ("no, it's more like 5").</summary>
    /// <param name="question">The question.</param>
    /// <param name="reply">The corrected reply.</param>
    /// <param name="typed">What the person typed.</param>
    public void Correct(QuestionId question, Reply reply, string typed)
    {
        // A correction replaces the answer, even where answers otherwise only go up (the highest pain).
        var cleared = question == QuestionId.Severity ? Answers with { Severity = null } : Answers;
        Answers = TriageInterview.Apply(cleared, question, reply);
        Keep(question, typed);
        ReadBack = null;
    }

    /// <summary>The question just read back, once: the next message may correct it, the one after may not.</summary>
    /// <returns>The question, or <c>null</c>.</returns>
    public QuestionId? TakeReadBack()
    {
        var question = ReadBack;
        ReadBack = null;
        return question;
    }

    /// <summary>Notes warning signs heard in passing (the questions go on).</summary>
    /// <param name="signs">The signs, each yes or not sure.</param>
    public void NoteSigns(IEnumerable<(RedFlag Sign, Answer Answer)> signs) => Answers = TriageInterview.RecordSigns(Answers, signs);

    /// <summary>Decides the outcome from the answers: the triage is over.</summary>
    /// <returns>The outcome.</returns>
    public TriageOutcome Decide()
    {
        CurrentQuestion = null;
        Outcome = TriageRules.Decide(Answers);
        return Outcome;
    }

    /// <summary>Stops whatever was running on a warning sign: notes it, leaves any routine, and decides.</summary>
    /// <param name="signs">The signs.</param>
    /// <returns>The outcome.</returns>
    public TriageOutcome StopForSigns(IEnumerable<(RedFlag Sign, Answer Answer)> signs)
    {
        NoteSigns(signs);
        InRoutine = false;
        Routine = null;
        return Decide();
    }

    /// <summary>Stops on "cancel": no question is being asked and no routine runs, but nothing is forgotten.</summary>
    public void Stop()
    {
        CurrentQuestion = null;
        InRoutine = false;
    }

    /// <summary>Plans a routine (not yet started).</summary>
    /// <param name="progress">The routine, at its start.</param>
    public void PlanRoutine(RoutineProgress progress) => Routine = progress;

    /// <summary>Starts walking the planned routine.</summary>
    public void EnterRoutine() => InRoutine = true;

    /// <summary>Leaves the routine.</summary>
    /// <param name="keepProgress">Whether where the person got to is kept (for the pain check at the end).</param>
    public void LeaveRoutine(bool keepProgress)
    {
        InRoutine = false;
        if (!keepProgress)
        {
            Routine = null;
        }
    }

    /// <summary>Carries on a routine left in an earlier conversation, with the triage it followed.</summary>
    /// <param name="unfinished">The routine left partway.</param>
    public void CarryOn(UnfinishedRoutine unfinished)
    {
        ArgumentNullException.ThrowIfNull(unfinished);
        Answers = unfinished.Answers;
        Outcome = unfinished.Outcome;
        Routine = unfinished.Progress;
        Routine.Paused = false;
    }

    /// <summary>Forgets the triage and any routine, to start again.</summary>
    public void StartAgain()
    {
        Answers = new TriageAnswers();
        Outcome = null;
        CurrentQuestion = null;
        QuestionsAsked = 0;
        Said = [];
        ReadBack = null;
        InRoutine = false;
        Routine = null;
    }

    private void Keep(QuestionId question, string? typed)
    {
        if (!string.IsNullOrWhiteSpace(typed))
        {
            typed = typed.Trim();
            Said[question] = typed.Length > MaxWordsKept ? typed[..MaxWordsKept] : typed;
        }
    }
}
