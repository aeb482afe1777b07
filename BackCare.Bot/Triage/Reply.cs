namespace BackCare.Bot.Triage;

/// <summary>One understood reply to a triage question. Only the parts the question's kind reads are set.</summary>
public sealed record Reply
{
    public Answer? Answer { get; init; }
    public int? Number { get; init; }
    public Legs? Legs { get; init; }
    public Answer? BelowKnee { get; init; }
    public AgeBand? Age { get; init; }
}
