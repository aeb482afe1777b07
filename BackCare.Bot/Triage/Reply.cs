namespace BackCare.Bot.Triage;

/// <summary>What a checklist reply said, overall.</summary>
public enum ChecklistAnswer
{
    /// <summary>None of the items.</summary>
    None,

    /// <summary>At least one, without saying which (or unsure which): each is asked on its own.</summary>
    Some,

    /// <summary>The items named in <see cref="Reply.Signs"/> (the others are a no).</summary>
    Named,
}

/// <summary>One understood reply to a triage question. Only the parts the question's kind reads are set.</summary>
public sealed record Reply
{
    public Answer? Answer { get; init; }
    public int? Number { get; init; }
    public Legs? Legs { get; init; }
    public Answer? BelowKnee { get; init; }
    public AgeBand? Age { get; init; }
    public PainSite? Site { get; init; }

    /// <summary>Gets what a checklist reply said overall.</summary>
    public ChecklistAnswer? Checklist { get; init; }

    /// <summary>Gets the checklist items a reply named, each yes or not sure.</summary>
    public IReadOnlyDictionary<RedFlag, Answer>? Signs { get; init; }

    /// <summary>Gets checklist items the reply pointed at without saying which of a line's signs (asked on their own).</summary>
    public IReadOnlyList<RedFlag>? AskEach { get; init; }

    /// <summary>Gets a value indicating whether the reply was mixed or hedged and must be checked with the person.</summary>
    public bool NeedsConfirmation { get; init; }

    /// <summary>Gets a value indicating whether the value was read from words, not a button or a plain number (so it is read back).</summary>
    public bool FromWords { get; init; }
}
