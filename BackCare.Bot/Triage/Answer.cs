namespace BackCare.Bot.Triage;

/// <summary>An answer to a yes/no question. <see cref="NotSure"/> to a warning sign counts as a possible yes.</summary>
public enum Answer
{
    No,
    Yes,
    NotSure,
}

/// <summary>Which legs a symptom is in.</summary>
public enum Legs
{
    One,
    Both,

    /// <summary>The person could not say; counted as both legs, the more urgent reading.</summary>
    NotSure,
}

/// <summary>The person's age, as a range: the rules only need to know whether they are 50 or over.</summary>
public enum AgeBand
{
    Under50,
    FiftyOrOver,
}

/// <summary>Helpers for reading answers the safe way.</summary>
public static class AnswerExtensions
{
    /// <summary>Whether the answer counts as yes for a warning sign: yes, or not sure.</summary>
    public static bool CountsAsYes(this Answer? answer) => answer is Answer.Yes or Answer.NotSure;
}
