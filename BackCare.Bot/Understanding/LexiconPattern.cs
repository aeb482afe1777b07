using System.Text.RegularExpressions;

namespace BackCare.Bot.Understanding;

/// <summary>
/// One compiled lexicon pattern, matched over normalised text (" every token followed by a space "), cheaply and
/// safely from many turns at once.
/// <list type="bullet">
/// <item>Most of the lexicon's patterns are large alternations, and a match can only start at a token one of
/// them starts with (<see cref="StartWords"/>, worked out from the same syntax). So the regex is tried only at
/// those tokens, anchored there, and a message with none of them needs no regex at all. The spans are exactly
/// those a scan of the whole text finds (a test holds every pattern to it over the corpus).</item>
/// <item>Most alternatives also need other words than the first: "both legs … numb" cannot match in a message
/// without a word for numbness, however many start words it has ("my lower back"). So a message that lacks, for
/// every alternative, a word it cannot match without needs no regex either (<see cref="MessageNeeds"/>, from the
/// same syntax; the same tests hold it to a scan of the whole text, and to phrases spelled out from the lexicon).
/// </item>
/// <item>A <see cref="Regex"/> keeps a single matcher for reuse; a caller that finds it busy builds a new one,
/// and for the large alternations a matcher's backtracking stacks are hundreds of KiB (large-object heap, then
/// full collections). So each pattern keeps a few instances of its regex, each used by one caller at a time.</item>
/// </list>
/// </summary>
public sealed class LexiconPattern
{
    private readonly string _pattern;
    private readonly string _regex;
    private readonly Anchoring _anchoring;
    private readonly StartWords? _starts;
    private readonly RegexOptions _options;
    private readonly TimeSpan _timeout;
    private readonly Hosting.IdleInstances<Regex> _idle;
    private Lazy<MessageNeeds?>? _needs;

    /// <summary>Initializes a new instance of the <see cref="LexiconPattern"/> class: a pattern that may match anywhere, found by scanning.</summary>
    /// <param name="pattern">The regular expression.</param>
    /// <param name="options">Its options.</param>
    /// <param name="timeout">How long one match may take.</param>
    public LexiconPattern(string pattern, RegexOptions options, TimeSpan timeout)
        : this(pattern, pattern, Anchoring.None, starts: null, options, timeout)
    {
        Compile();
    }

    private LexiconPattern(string pattern, string regex, Anchoring anchoring, StartWords? starts, RegexOptions options, TimeSpan timeout)
    {
        _pattern = pattern;
        _regex = regex;
        _anchoring = anchoring;
        _starts = starts;
        _options = options;
        _timeout = timeout;
        _idle = new(Math.Clamp(2 * Environment.ProcessorCount, 8, 64), () => new Regex(_regex, _options, _timeout));
    }

    private enum Anchoring
    {
        /// <summary>Scanned for anywhere in the text.</summary>
        None,

        /// <summary>Tried at each token that a match can start with.</summary>
        AtTokens,

        /// <summary>The whole message, from its first token to its end.</summary>
        WholeMessage,
    }

    /// <summary>A pattern whose matches start at tokens (its regex looks behind for the space before one).</summary>
    /// <param name="body">The regular expression, starting with <c>(?&lt;= )</c>.</param>
    /// <param name="starts">The words a match can start with.</param>
    /// <param name="options">Its options.</param>
    /// <param name="timeout">How long one match may take.</param>
    /// <returns>The pattern.</returns>
    public static LexiconPattern AtTokens(string body, StartWords starts, RegexOptions options, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(starts);
        return starts.Anything
            ? new LexiconPattern(body, body, Anchoring.None, starts: null, options, timeout)
            : new LexiconPattern(body, @"\G(?:" + body + ")", Anchoring.AtTokens, starts, options, timeout);
    }

    /// <summary>
    /// Says what a message must hold for the pattern to match in it (see <see cref="PatternCompiler.Needs"/>):
    /// <see cref="Spans"/> tries no regex in a message without it.
    /// </summary>
    /// <param name="needs">The needs, worked out when first asked for (see <see cref="GatherNeeds"/>).</param>
    public void Needs(Lazy<MessageNeeds?> needs) => _needs = needs;

    /// <summary>Works out now what a message needs for the pattern (else its first message with a start word does; a pattern scanned for anywhere, its first message).</summary>
    public void GatherNeeds() => _ = _needs?.Value;

    /// <summary>
    /// Builds the regex now (the lexicon builds all of its patterns' at once, in parallel, at start-up); a pattern
    /// not built yet builds it at its first match.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public void Compile()
    {
        var regex = new Regex(_regex, _options, _timeout);
        Return(regex);
    }

    /// <summary>A pattern that must match a whole message ("stop", not "it helps when I stop").</summary>
    /// <param name="body">The regular expression of the message's tokens, starting with <c>(?&lt;= )</c>.</param>
    /// <param name="starts">The words its first token can be.</param>
    /// <param name="options">Its options.</param>
    /// <param name="timeout">How long one match may take.</param>
    /// <returns>The pattern.</returns>
    public static LexiconPattern WholeMessage(string body, StartWords starts, RegexOptions options, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(starts);
        var pattern = "^ " + body + "$";
        return starts.Anything
            ? new LexiconPattern(pattern, pattern, Anchoring.None, starts: null, options, timeout)
            : new LexiconPattern(pattern, @"\G (?:" + body + ")$", Anchoring.WholeMessage, starts, options, timeout);
    }

    /// <summary>Whether the pattern matches the normalised text (" tokens followed by spaces ").</summary>
    /// <param name="text">The text.</param>
    /// <returns><c>true</c> when it does.</returns>
    public bool IsMatch(string text) => FirstMatch(text) is not null;

    /// <summary>The first match in the normalised text, if any.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Where it starts and how long it is, or <c>null</c>.</returns>
    public (int Index, int Length)? FirstMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var regex = Rent();
        try
        {
            switch (_anchoring)
            {
                case Anchoring.None:
                    return MatchFrom(regex, text, 0);
                case Anchoring.WholeMessage:
                    return text.Length > 1 && text[0] == ' ' && _starts!.CanStartAt(TokenAt(text, 1)) ? MatchFrom(regex, text, 0) : null;
                default:
                    for (var at = 1; at < text.Length; at++)
                    {
                        if (text[at - 1] == ' ' && text[at] != ' ' && _starts!.CanStartAt(TokenAt(text, at)) && MatchFrom(regex, text, at) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
            }
        }
        finally
        {
            Return(regex);
        }
    }

    /// <summary>
    /// Every match in the utterance, overlapping ones too ("no numbness no tingling" finds both): the first match
    /// starting at or after each token start, then on from the token after that match's start.
    /// </summary>
    /// <param name="utterance">The message.</param>
    /// <returns>The token ranges; on a match time-out, those found until then.</returns>
    public List<(int Start, int End)> Spans(Utterance utterance)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        var spans = new List<(int, int)>();
        var tokens = utterance.Tokens;
        var text = utterance.Text;
        var first = _anchoring switch
        {
            Anchoring.None => 0,
            Anchoring.WholeMessage => tokens.Count > 0 && _starts!.CanStartAt(tokens[0]) ? 0 : -1,
            _ => FirstStart(tokens),
        };
        if (first < 0 || (_needs?.Value is { } needs && !needs.CouldMatch(tokens)))
        {
            return spans;
        }

        var regex = Rent();
        try
        {
            switch (_anchoring)
            {
                case Anchoring.None:
                    var at = 0;
                    while (at < text.Length && MatchFrom(regex, text, at) is var (index, length))
                    {
                        Add(index, length);

                        // On from the space after the match's first token (an empty match may be at the very end).
                        var next = index + 1 < text.Length ? text.IndexOf(' ', index + 1) : -1;
                        at = next < 0 ? text.Length : next;
                    }

                    break;
                case Anchoring.WholeMessage:
                    if (MatchFrom(regex, text, 0) is var (whole, wholeLength))
                    {
                        Add(whole, wholeLength);
                    }

                    break;
                default:
                    for (var i = first; i < tokens.Count; i++)
                    {
                        if ((i == first || _starts!.CanStartAt(tokens[i])) && MatchFrom(regex, text, utterance.TokenStart(i)) is var (index, length))
                        {
                            Add(index, length);
                        }
                    }

                    break;
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

        void Add(int index, int length)
        {
            if (length > 0)
            {
                spans.Add(utterance.Span(index, length));
            }
        }
    }

    /// <summary>The regular expression, as a scan of the whole text would use it.</summary>
    /// <returns>The pattern.</returns>
    public override string ToString() => _pattern;

    private static (int Index, int Length)? MatchFrom(Regex regex, string text, int at)
    {
        foreach (var match in regex.EnumerateMatches(text, at))
        {
            return (match.Index, match.Length);
        }

        return null;
    }

    private static string TokenAt(string text, int at)
    {
        var end = text.IndexOf(' ', at);
        return text[at..(end < 0 ? text.Length : end)];
    }

    /// <summary>The first token a match can start with, or -1.</summary>
    private int FirstStart(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (_starts!.CanStartAt(tokens[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private Regex Rent() => _idle.Rent();

    private void Return(Regex regex) => _idle.Return(regex);
}
