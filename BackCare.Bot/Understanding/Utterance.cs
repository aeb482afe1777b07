using System.Text;
using System.Text.RegularExpressions;

namespace BackCare.Bot.Understanding;

/// <summary>
/// What a person typed, normalised once for every reader: lower case, apostrophes removed, contractions and
/// text-speak spelt out, typos corrected against the lexicon, and split into tokens (punctuation is a token of
/// its own). <see cref="Text"/> is the tokens each followed by a space, after one leading space, which is what
/// the lexicon's patterns match.
/// </summary>
public sealed partial class Utterance
{
    private static readonly HashSet<string> SentenceEnds = new(StringComparer.Ordinal) { ".", "!", "?", ";" };

    private readonly int[] _tokenAt;
    private readonly int[] _tokenStarts;

    private Utterance(string original, List<string> tokens)
    {
        Original = original;
        Tokens = tokens;
        var text = new StringBuilder(" ");
        var starts = new List<int>();
        foreach (var token in tokens)
        {
            starts.Add(text.Length);
            text.Append(token).Append(' ');
        }

        Text = text.ToString();
        _tokenStarts = [.. starts];
        _tokenAt = new int[Text.Length + 1];
        var current = 0;
        for (var i = 0; i < _tokenAt.Length; i++)
        {
            while (current + 1 < starts.Count && starts[current + 1] <= i)
            {
                current++;
            }

            _tokenAt[i] = current;
        }

        SentenceOf = new int[tokens.Count];
        var sentence = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            SentenceOf[i] = sentence;
            if (SentenceEnds.Contains(tokens[i]))
            {
                sentence++;
            }
        }
    }

    /// <summary>Gets what the person typed.</summary>
    public string Original { get; }

    /// <summary>Gets the tokens.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Gets the tokens, each followed by a space, after a leading space.</summary>
    public string Text { get; }

    /// <summary>Gets the sentence number of each token.</summary>
    public int[] SentenceOf { get; }

    /// <summary>Gets the words as plain text for readers of numbers and dates: "7/10", "3-4 weeks", "since 3 oct, i think".</summary>
    public string Plain => _plain ??= Join();

    private string? _plain;

    private string Join()
    {
        var plain = new StringBuilder();
        var glue = true;
        foreach (var token in Tokens)
        {
            var attach = token is "-" or "/";
            var closing = token is "," or "." or "!" or "?" or ";" or ":" or ")";
            if (!glue && !attach && !closing)
            {
                plain.Append(' ');
            }

            plain.Append(token);
            glue = attach || token == "(";
        }

        return plain.ToString();
    }

    /// <summary>Gets a value indicating whether nothing was typed.</summary>
    public bool IsEmpty => Tokens.Count == 0;

    /// <summary>Normalises a message.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="lexicon">The lexicon, for rewrites and typo correction.</param>
    /// <returns>The utterance.</returns>
    public static Utterance Of(string? text, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Utterance(text ?? string.Empty, []);
        }

        var plain = text.ToLowerInvariant()
            .Replace('’', '\'').Replace('‘', '\'').Replace('`', '\'').Replace('´', '\'')
            .Replace('“', '"').Replace('”', '"').Replace('–', '-').Replace('—', '-')
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " . ", StringComparison.Ordinal)
            .Replace("'", string.Empty, StringComparison.Ordinal);

        var tokens = new List<string>();
        foreach (Match match in RawToken().Matches(plain))
        {
            var token = match.Value;
            if (lexicon.Rewrites.TryGetValue(token, out var replacement))
            {
                tokens.AddRange(replacement);
                continue;
            }

            // "3wks" is "3 wks" (but "1st" and "2nd" stay ordinals, and "60s" a decade).
            var split = DigitsThenLetters().Match(token);
            if (split.Success && !Ordinal().IsMatch(token))
            {
                tokens.Add(split.Groups["n"].Value);
                var unit = split.Groups["unit"].Value;
                tokens.AddRange(lexicon.Rewrites.TryGetValue(unit, out var spelt) ? spelt : [unit]);
                continue;
            }

            tokens.Add(lexicon.Corrector.Correct(token));
        }

        return new Utterance(text, RewritePhrases(tokens, lexicon));
    }

    /// <summary>
    /// Applies the lexicon's rewrites of several words ("hay fever" → "hayfever", "wee bit" → "little bit",
    /// "more worse" → "worse"), longest first, over the words as rewritten one by one; a rewrite's result may
    /// start another ("very last on the list" → "last on the list" → "last one"), up to three rounds.
    /// </summary>
    private static List<string> RewritePhrases(List<string> tokens, Lexicon lexicon)
    {
        for (var round = 0; round < 3; round++)
        {
            List<string>? result = null;
            for (var i = 0; i < tokens.Count;)
            {
                var rewrites = lexicon.PhraseRewritesFrom(tokens[i]);
                var found = Match(tokens, i, rewrites);
                if (found < 0)
                {
                    result?.Add(tokens[i]);
                    i++;
                    continue;
                }

                // Most messages hold no phrase to rewrite: the copy is made at the first one.
                result ??= tokens.GetRange(0, i);
                var (from, to) = rewrites[found];
                result.AddRange(to);
                i += from.Length;
            }

            if (result is null)
            {
                return tokens;
            }

            tokens = result;
        }

        return tokens;

        static int Match(List<string> tokens, int at, IReadOnlyList<(string[] From, string[] To)> rewrites)
        {
            for (var r = 0; r < rewrites.Count; r++)
            {
                if (Starts(tokens, at, rewrites[r].From))
                {
                    return r;
                }
            }

            return -1;
        }

        static bool Starts(List<string> tokens, int at, string[] words)
        {
            if (at + words.Length > tokens.Count)
            {
                return false;
            }

            for (var j = 0; j < words.Length; j++)
            {
                if (!string.Equals(tokens[at + j], words[j], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The tokens a regex match covers, as [start, end).</summary>
    /// <param name="match">A match over <see cref="Text"/>.</param>
    /// <returns>The token range.</returns>
    public (int Start, int End) Span(Match match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return Span(match.Index, match.Length);
    }

    /// <summary>The tokens a match of <see cref="Text"/> covers, as [start, end).</summary>
    /// <param name="index">Where the match starts in <see cref="Text"/>.</param>
    /// <param name="length">Its length.</param>
    /// <returns>The token range.</returns>
    public (int Start, int End) Span(int index, int length)
    {
        var start = _tokenAt[index];
        var end = length == 0 ? start : _tokenAt[Math.Max(index, index + length - 2)] + 1;
        return (start, end);
    }

    /// <summary>Where a token starts in <see cref="Text"/>.</summary>
    /// <param name="token">The token's index.</param>
    /// <returns>The character index.</returns>
    public int TokenStart(int token) => _tokenStarts[token];

    /// <summary>The text of tokens [start, end).</summary>
    /// <param name="start">The first token.</param>
    /// <param name="end">One past the last token.</param>
    /// <returns>The words.</returns>
    public string Words(int start, int end) => string.Join(' ', Tokens.Skip(start).Take(end - start));

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:\.\d+)?|[^\s\p{L}\p{N}]")]
    private static partial Regex RawToken();

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)(?<unit>[a-z]+)$")]
    private static partial Regex DigitsThenLetters();

    [GeneratedRegex(@"^(\d+(st|nd|rd|th)|\d0s)$")]
    private static partial Regex Ordinal();
}
