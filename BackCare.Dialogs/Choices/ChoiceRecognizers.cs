using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;

namespace BackCare.Dialogs.Choices;

/// <summary>
/// Finds which choice a person meant: the value or a synonym typed exactly (any case), as part of a longer
/// sentence, or partly ("left" for "Left leg"); failing that, a position ("2", "the second one").
/// When two choices match equally well nothing is recognised, so the prompt asks again rather than guess.
/// </summary>
public static partial class ChoiceRecognizers
{
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "one", "i", "my", "me", "it", "its", "is", "am", "are", "and", "or", "to", "of", "in", "on",
        "for", "please", "just", "only", "that", "this", "option", "choice", "pick", "choose", "want", "would", "like",
        "go", "with", "say", "id", "i'd", "i'll", "ill", "think",
    ];

    /// <summary>Recognises the best choice in <paramref name="utterance"/>.</summary>
    /// <param name="utterance">What the person typed.</param>
    /// <param name="choices">The choices offered, in order.</param>
    /// <param name="culture">The culture for numbers and ordinals; English when <c>null</c>.</param>
    /// <returns>The choice, or <c>null</c> when none (or more than one equally) matched.</returns>
    public static FoundChoice? RecognizeChoice(string? utterance, IList<Choice> choices, string? culture = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (string.IsNullOrWhiteSpace(utterance) || choices.Count == 0)
        {
            return null;
        }

        return FindChoice(utterance, choices) ?? FindByPosition(utterance, choices, culture ?? Culture.English);
    }

    private static FoundChoice? FindChoice(string utterance, IList<Choice> choices)
    {
        var said = Normalize(utterance);
        var saidTokens = Tokens(said);
        var best = new List<FoundChoice>();
        for (var index = 0; index < choices.Count; index++)
        {
            foreach (var candidate in Candidates(choices[index]))
            {
                var score = Score(said, saidTokens, Normalize(candidate));
                if (score <= 0)
                {
                    continue;
                }

                var found = new FoundChoice { Value = choices[index].Value, Index = index, Score = score, Synonym = candidate };
                if (best.Count == 0 || score > best[0].Score)
                {
                    best = [found];
                }
                else if (Math.Abs(score - best[0].Score) < 0.0001f && best.All(b => b.Index != index))
                {
                    best.Add(found);
                }
            }
        }

        return best.Count == 1 ? best[0] : null;
    }

    private static float Score(string said, string[] saidTokens, string candidate)
    {
        if (candidate.Length == 0)
        {
            return 0;
        }

        if (said == candidate)
        {
            return 1f;
        }

        var candidateTokens = Tokens(candidate);
        if (candidateTokens.Length == 0)
        {
            return 0;
        }

        // The whole candidate inside a longer sentence ("I'd say both legs").
        if ($" {said} ".Contains($" {candidate} ", StringComparison.Ordinal))
        {
            return 0.9f;
        }

        // Some of the candidate's words: score by the share of its meaningful words that were said.
        var meaningful = candidateTokens.Where(t => !StopWords.Contains(t)).ToArray();
        if (meaningful.Length == 0)
        {
            return 0;
        }

        var matched = meaningful.Count(t => saidTokens.Contains(t));
        return matched == 0 ? 0 : 0.8f * matched / meaningful.Length;
    }

    private static FoundChoice? FindByPosition(string utterance, IList<Choice> choices, string culture)
    {
        var ordinal = NumberRecognizer.RecognizeOrdinal(utterance, culture).FirstOrDefault();
        var position = ReadPosition(ordinal);
        if (position is null)
        {
            // A lone number ("2") picks by position; a number inside a sentence does not.
            var numbers = NumberRecognizer.RecognizeNumber(utterance, culture);
            if (numbers.Count == 1 && numbers[0].Text.Length >= Normalize(utterance).Length - 1)
            {
                position = ReadPosition(numbers[0]);
            }
        }

        if (position is not int n || n < 1 || n > choices.Count)
        {
            return null;
        }

        return new FoundChoice { Value = choices[n - 1].Value, Index = n - 1, Score = 1f, Synonym = utterance };
    }

    private static int? ReadPosition(ModelResult? result)
    {
        if (result?.Resolution is null || !result.Resolution.TryGetValue("value", out var raw) || raw is null)
        {
            return null;
        }

        return double.TryParse(raw.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value == Math.Floor(value) && value is >= 1 and <= 100
            ? (int)value
            : null;
    }

    private static IEnumerable<string> Candidates(Choice choice)
    {
        yield return choice.Value;
        if (choice.Action?.Title is { Length: > 0 } title)
        {
            yield return title;
        }

        foreach (var synonym in choice.Synonyms ?? [])
        {
            yield return synonym;
        }
    }

    private static string Normalize(string text) => Spaces().Replace(NonWord().Replace(text.ToLowerInvariant(), " "), " ").Trim();

    private static string[] Tokens(string normalized) => normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"[^\p{L}\p{N}']+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
