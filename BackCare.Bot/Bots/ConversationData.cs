using BackCare.Bot.Exercises;
using BackCare.Bot.Triage;

namespace BackCare.Bot.Bots;

/// <summary>What BackCare keeps about one conversation, saved with its state and removed by "delete my data".</summary>
public sealed class ConversationData
{
    /// <summary>Gets or sets a value indicating whether the welcome has been sent (once per conversation).</summary>
    public bool Welcomed { get; set; }

    /// <summary>Gets or sets the triage answers so far.</summary>
    public TriageAnswers Answers { get; set; } = new();

    /// <summary>Gets or sets the triage outcome, once decided.</summary>
    public TriageOutcome? Outcome { get; set; }

    /// <summary>Gets or sets the triage question being asked, for "help"; <c>null</c> between questions.</summary>
    public QuestionId? CurrentQuestion { get; set; }

    /// <summary>Gets or sets what the person typed, per question, where the answer was read from their words (for the summary).</summary>
    public Dictionary<QuestionId, string> Said { get; set; } = [];

    /// <summary>Gets or sets the question whose answer was just read back, so the next message may correct it.</summary>
    public QuestionId? ReadBack { get; set; }

    /// <summary>Gets or sets a value indicating whether a routine is running (its own words for stop and help apply).</summary>
    public bool InRoutine { get; set; }

    /// <summary>Gets or sets where the person is in their routine, while one is planned or running.</summary>
    public RoutineProgress? Routine { get; set; }

    /// <summary>Forgets the triage, to start it again.</summary>
    public void ResetTriage()
    {
        Answers = new TriageAnswers();
        Outcome = null;
        CurrentQuestion = null;
        Said = [];
        ReadBack = null;
        InRoutine = false;
        Routine = null;
    }
}
