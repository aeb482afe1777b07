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

    /// <summary>The signs in an analysed message.</summary>
    /// <param name="analysis">The message.</param>
    /// <returns>Each sign once, yes or not sure, most urgent first.</returns>
    public static IReadOnlyList<(RedFlag Sign, Answer Answer)> Scan(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var found = new Dictionary<RedFlag, Answer>();
        foreach (var mention in analysis.Mentions.Where(m => m.Affirmed))
        {
            if (!Enum.TryParse<RedFlag>(mention.Concept, out var sign) || TriageRules.LevelOf(sign) < Disposition.Urgent)
            {
                continue;
            }

            var answer = mention.Uncertain ? Answer.NotSure : Answer.Yes;
            found[sign] = found.TryGetValue(sign, out var earlier) ? ((Answer?)earlier).Stronger(answer) : answer;
        }

        // "Both legs" outranks "one leg" in the same message.
        if (found.ContainsKey(RedFlag.BothLegsNumbOrWeak))
        {
            found.Remove(RedFlag.OneLegNumbOrWeak);
        }

        return [.. found.OrderByDescending(f => TriageRules.LevelOf(f.Key)).ThenBy(f => f.Key).Select(f => (f.Key, f.Value))];
    }
}
