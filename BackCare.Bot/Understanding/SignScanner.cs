using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Finds the warning signs a message reports for the person, at any turn: a mention of a sign that is not
/// denied, not someone else's, not hypothetical and not over before this pain. Doubt ("I think my foot drags")
/// is reported as "not sure", which counts as a possible yes.
/// </summary>
/// <param name="language">The language layer.</param>
public sealed class SignScanner(LanguageLayer language)
{
    /// <summary>The signs in a message.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>Each sign once, yes or not sure, most urgent first.</returns>
    public IReadOnlyList<(RedFlag Sign, Answer Answer)> Scan(string? text) => Scan(language.Analyse(text));

    /// <summary>Pairs of signs where the first, read from the same words, is the more specific reading.</summary>
    private static readonly HashSet<(RedFlag Winner, RedFlag Loser)> Specific =
    [
        (RedFlag.SaddleNumbness, RedFlag.BothLegsNumbOrWeak),
        (RedFlag.SaddleNumbness, RedFlag.OneLegNumbOrWeak),
        (RedFlag.SaddleNumbness, RedFlag.BladderOrBowel),
        (RedFlag.WorseningLegWeakness, RedFlag.BothLegsNumbOrWeak),
        (RedFlag.WorseningLegWeakness, RedFlag.OneLegNumbOrWeak),
        (RedFlag.BothLegsNumbOrWeak, RedFlag.OneLegNumbOrWeak),
        (RedFlag.BladderOrBowel, RedFlag.SeriousAccidentOrFall),
        (RedFlag.WeakImmuneOrInjectingDrugs, RedFlag.CancerHistory),
        (RedFlag.LumpOrShapeChange, RedFlag.UpperBackPain),
        (RedFlag.Fever, RedFlag.WorseAtNight),
    ];

    /// <summary>Whether one sign, read from the same words as another, is the more specific reading of them.</summary>
    /// <param name="winner">The sign kept.</param>
    /// <param name="loser">The sign dropped.</param>
    /// <returns><c>true</c> when the first wins.</returns>
    public static bool Subsumes(RedFlag winner, RedFlag loser) => Specific.Contains((winner, loser));

    /// <summary>The signs in an analysed message.</summary>
    /// <param name="analysis">The message.</param>
    /// <returns>Each sign once, yes or not sure, most urgent first.</returns>
    public static IReadOnlyList<(RedFlag Sign, Answer Answer)> Scan(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var mentions = analysis.Mentions
            .Where(m => m.Affirmed)
            .Select(m => (Mention: m, Sign: Enum.TryParse<RedFlag>(m.Concept, out var sign) ? sign : (RedFlag?)null))
            .Where(m => m.Sign is RedFlag s && TriageRules.LevelOf(s) >= Disposition.Urgent)
            .ToList();

        // Where the words of one sign are read as another too, the more specific reading wins: "numbness between
        // my legs" is the saddle, not both legs; "my leg gave way" is weakness getting worse, not only one leg.
        var kept = mentions.Where(m => !mentions.Any(w => Subsumes(w.Sign!.Value, m.Sign!.Value) && w.Mention.Start < m.Mention.End && m.Mention.Start < w.Mention.End)).ToList();

        var found = new Dictionary<RedFlag, Answer>();
        foreach (var (mention, sign) in kept)
        {
            var answer = mention.Uncertain ? Answer.NotSure : Answer.Yes;
            found[sign!.Value] = found.TryGetValue(sign.Value, out var earlier) ? ((Answer?)earlier).Stronger(answer) : answer;
        }

        // "Both legs" outranks "one leg" in the same message.
        if (found.ContainsKey(RedFlag.BothLegsNumbOrWeak))
        {
            found.Remove(RedFlag.OneLegNumbOrWeak);
        }

        return [.. found.OrderByDescending(f => TriageRules.LevelOf(f.Key)).ThenBy(f => f.Key).Select(f => (f.Key, f.Value))];
    }
}
