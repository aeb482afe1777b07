namespace BackCare.Bot.Understanding;

/// <summary>What the language layer found in one message: the normalised words, every concept mention with its context, and the plain answer words.</summary>
/// <param name="Utterance">The normalised message.</param>
/// <param name="Mentions">The concept mentions, in order.</param>
/// <param name="General">The plain answer words (not part of a mention), in order.</param>
/// <param name="HasContrast">Whether the message turns ("but", "except", "although"), so a plain answer may be qualified.</param>
/// <param name="AfterContrast">The tokens after the last contrast word that are not a mention, a plain answer or a polite word.</param>
public sealed record Analysis(Utterance Utterance, IReadOnlyList<Mention> Mentions, IReadOnlyList<(GeneralAnswer Answer, int Start, int End)> General, bool HasContrast, int AfterContrast)
{
    /// <summary>The mentions of some concepts.</summary>
    /// <param name="concepts">The concepts.</param>
    /// <returns>Their mentions.</returns>
    public IEnumerable<Mention> Of(IReadOnlyCollection<string> concepts) => Mentions.Where(m => concepts.Contains(m.Concept));

    /// <summary>Whether a plain answer word of this kind was said.</summary>
    /// <param name="answer">The answer.</param>
    /// <returns><c>true</c> when it was.</returns>
    public bool Says(GeneralAnswer answer) => General.Any(g => g.Answer == answer);
}
