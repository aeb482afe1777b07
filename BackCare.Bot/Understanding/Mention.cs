namespace BackCare.Bot.Understanding;

/// <summary>
/// A concept found in what a person typed, with its context as in the ConText algorithm: whether it is
/// denied, someone else's, over and done with, hypothetical or uncertain.
/// </summary>
/// <param name="Concept">The concept's name in the lexicon (a warning sign's name for a sign).</param>
/// <param name="Start">The first token.</param>
/// <param name="End">One past the last token.</param>
public sealed record Mention(string Concept, int Start, int End)
{
    public bool Negated { get; init; }

    public bool Other { get; init; }

    public bool Past { get; init; }

    public bool Hypothetical { get; init; }

    public bool Uncertain { get; init; }

    /// <summary>Gets a value indicating whether the concept is the person's own and not denied, hypothetical or over (doubt allowed).</summary>
    public bool Affirmed => !Negated && !Other && !Hypothetical && !Past;
}

/// <summary>A plain answer word: yes, no or not sure.</summary>
public enum GeneralAnswer
{
    Yes,
    No,
    NotSure,
}
