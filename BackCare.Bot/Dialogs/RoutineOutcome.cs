namespace BackCare.Bot.Dialogs;

/// <summary>How a routine ended.</summary>
public enum RoutineOutcome
{
    /// <summary>The person chose not to start.</summary>
    NotStarted,

    /// <summary>Every exercise was done or skipped, and the pain was checked.</summary>
    Finished,

    /// <summary>The person stopped early; the pain was checked.</summary>
    Stopped,

    /// <summary>The person said it hurts: the routine ended with safety advice.</summary>
    Hurt,
}
