namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads a misspelt word as the lexicon word it was meant to be: one letter wrong, missing, extra, or two
/// letters swapped, in words of five letters or more that are not English words themselves, and only when
/// exactly one lexicon word (or stem) is that close. "numbnes" is "numbness"; "there" stays "there".
/// </summary>
internal sealed class TypoCorrector(HashSet<string> knownWords, HashSet<string> vocabulary, HashSet<string> stems)
{
    /// <summary>Shorter words are left alone: too many real words are one letter apart.</summary>
    public const int MinLength = 5;

    private readonly int _longestStem = stems.Count == 0 ? 0 : stems.Max(s => s.Length);

    /// <summary>The word as it was meant, or the word itself.</summary>
    /// <param name="word">A lower-case token.</param>
    /// <returns>The corrected word.</returns>
    public string Correct(string word)
    {
        if (word.Length < MinLength || !word.All(c => c is >= 'a' and <= 'z') || IsKnown(word))
        {
            return word;
        }

        // A lexicon word one edit away wins; a stem ("tingl*") only when no whole word is that close. Two
        // equally close candidates mean a guess, so the word is left as typed.
        var words = new HashSet<string>(StringComparer.Ordinal);
        var stemmed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var candidate in Edits(word))
        {
            if (vocabulary.Contains(candidate))
            {
                words.Add(candidate);
            }
            else if (StemOf(candidate) is string stem)
            {
                stemmed.TryAdd(stem, candidate);
            }
        }

        if (words.Count == 0 && StemOf(word) is not null)
        {
            // Already a word of a stem the lexicon uses ("tingles" for "tingl*").
            return word;
        }

        if (words.Count > 1)
        {
            // "cancr" is as close to "cancer" as to the lexicon's own misspelling "cancre": the real word wins.
            words.IntersectWith(knownWords);
        }

        return words.Count switch
        {
            1 => words.First(),
            0 when stemmed.Count == 1 => stemmed.Values.First(),
            _ => word,
        };
    }

    private bool IsKnown(string word) => knownWords.Contains(word) || vocabulary.Contains(word);

    private string? StemOf(string word)
    {
        for (var length = Math.Min(word.Length, _longestStem); length >= 4; length--)
        {
            if (stems.Contains(word[..length]))
            {
                return word[..length];
            }
        }

        return null;
    }

    private static IEnumerable<string> Edits(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return word.Remove(i, 1);
        }

        for (var i = 0; i < word.Length - 1; i++)
        {
            var swapped = word.ToCharArray();
            (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
            yield return new string(swapped);
        }

        for (var i = 0; i < word.Length; i++)
        {
            for (var c = 'a'; c <= 'z'; c++)
            {
                if (c != word[i])
                {
                    yield return string.Concat(word.AsSpan(0, i), c.ToString(), word.AsSpan(i + 1));
                }
            }
        }

        for (var i = 0; i <= word.Length; i++)
        {
            for (var c = 'a'; c <= 'z'; c++)
            {
                yield return word.Insert(i, c.ToString());
            }
        }
    }
}
