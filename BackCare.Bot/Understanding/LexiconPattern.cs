using System.Text.RegularExpressions;

namespace BackCare.Bot.Understanding;

/// <summary>
/// One compiled lexicon pattern, safe and cheap to match from many turns at once. A <see cref="Regex"/> keeps a
/// single matcher for reuse; a caller that finds it busy builds a new one, and for the lexicon's large
/// alternations a matcher's backtracking stacks are hundreds of KiB (large-object heap, then full collections).
/// So each pattern keeps a few instances of its regex, each used by one caller at a time: a busy moment builds
/// one more (once), and from then on every match reuses a matcher.
/// </summary>
public sealed class LexiconPattern
{
    private readonly string _pattern;
    private readonly RegexOptions _options;
    private readonly TimeSpan _timeout;
    private readonly Regex?[] _idle;

    /// <summary>Initializes a new instance of the <see cref="LexiconPattern"/> class; the pattern is compiled now.</summary>
    /// <param name="pattern">The regular expression.</param>
    /// <param name="options">Its options.</param>
    /// <param name="timeout">How long one match may take.</param>
    public LexiconPattern(string pattern, RegexOptions options, TimeSpan timeout)
    {
        _pattern = pattern;
        _options = options;
        _timeout = timeout;
        _idle = new Regex?[Math.Clamp(2 * Environment.ProcessorCount, 8, 64)];
        _idle[0] = new Regex(pattern, options, timeout);
    }

    /// <summary>Whether the pattern matches anywhere in the text.</summary>
    /// <param name="text">The text.</param>
    /// <returns><c>true</c> when it does.</returns>
    public bool IsMatch(string text)
    {
        var regex = Rent();
        try
        {
            return regex.IsMatch(text);
        }
        finally
        {
            Return(regex);
        }
    }

    /// <summary>The first match in the text, if any.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Where it starts and how long it is, or <c>null</c>.</returns>
    public (int Index, int Length)? FirstMatch(string text)
    {
        var regex = Rent();
        try
        {
            foreach (var match in regex.EnumerateMatches(text))
            {
                return (match.Index, match.Length);
            }

            return null;
        }
        finally
        {
            Return(regex);
        }
    }

    /// <summary>
    /// Every match in the text, overlapping ones too (each token start after a match is tried again, so "no
    /// numbness no tingling" finds both), as token ranges of the utterance.
    /// </summary>
    /// <param name="utterance">The message.</param>
    /// <returns>The ranges; on a match time-out, those found until then.</returns>
    public List<(int Start, int End)> Spans(Utterance utterance)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        var spans = new List<(int, int)>();
        var text = utterance.Text;
        var regex = Rent();
        try
        {
            var at = 0;
            while (at < text.Length && Next(regex, text, at) is var (index, length))
            {
                if (length > 0)
                {
                    spans.Add(utterance.Span(index, length));
                }

                var next = text.IndexOf(' ', index + 1);
                at = next < 0 ? text.Length : next;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological message: read what was found so far rather than fail the turn.
        }
        finally
        {
            Return(regex);
        }

        return spans;
    }

    /// <summary>The regular expression's text.</summary>
    /// <returns>The pattern.</returns>
    public override string ToString() => _pattern;

    private static (int Index, int Length)? Next(Regex regex, string text, int at)
    {
        foreach (var match in regex.EnumerateMatches(text, at))
        {
            return (match.Index, match.Length);
        }

        return null;
    }

    private Regex Rent()
    {
        for (var i = 0; i < _idle.Length; i++)
        {
            if (Interlocked.Exchange(ref _idle[i], null) is { } regex)
            {
                return regex;
            }
        }

        return new Regex(_pattern, _options, _timeout);
    }

    private void Return(Regex regex)
    {
        for (var i = 0; i < _idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _idle[i], regex, null) is null)
            {
                return;
            }
        }
    }
}
