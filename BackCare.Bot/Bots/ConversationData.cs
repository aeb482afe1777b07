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
        InRoutine = false;
        Routine = null;
    }
}
