using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Turns the lexicon's pattern syntax (Content/README.md) into regular expressions over normalised text, in
/// which every token is followed by one space and the text starts with one: " i can not feel it . ".
/// </summary>
internal sealed class PatternCompiler(IReadOnlyDictionary<string, IReadOnlyList<string>> sets, IEnumerable<string> clauseStarters, IEnumerable<string> hardStops)
{
    /// <summary>How many words a <c>...</c> gap may skip.</summary>
    public const int GapWords = 6;

    private readonly Dictionary<string, string> _compiledSets = [];
    private readonly Dictionary<string, NeededWords?> _setKeys = [];
    private readonly Dictionary<string, NeededWords> _wordKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _compiling = [];
    private readonly string _gapWord = GapWord(clauseStarters, hardStops);

    /// <summary>Every literal word the patterns use, for the typo corrector.</summary>
    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    /// <summary>Every word stem (<c>tingl*</c>) the patterns use.</summary>
    public HashSet<string> Stems { get; } = new(StringComparer.Ordinal);

    /// <summary>Compiles patterns into one alternation that matches at token starts.</summary>
    /// <param name="patterns">The patterns.</param>
    /// <param name="where">Where the patterns are, for error messages.</param>
    /// <returns>The regex source.</returns>
    public string Alternation(IEnumerable<string> patterns, string where)
        => "(?<= )(?:" + string.Join("|", patterns.Select(p => Compile(p, where))) + ")";

    /// <summary>
    /// The words a match of any of the patterns can start with: every match starts at a token, and for most
    /// patterns only a few words can be that token, so a message without any of them needs no regex at all (see
    /// <see cref="LexiconPattern"/>). Exact, from the same syntax the regex is compiled from: a word and its plural
    /// forms, a stem's prefix, a set's phrases, both sides of a group, past an optional part to what follows; a
    /// gap (or a pattern that can match nothing) can start anywhere.
    /// </summary>
    /// <param name="patterns">The patterns.</param>
    /// <returns>The start words.</returns>
    public StartWords Starts(IEnumerable<string> patterns)
    {
        var starts = new StartWords();
        foreach (var pattern in patterns)
        {
            var tokens = Tokenize(pattern, "starts");
            var position = 0;
            if (FirstOfSequence(tokens, ref position, stopAt: null, starts))
            {
                starts.Anything = true;
            }
        }

        return starts;
    }

    /// <summary>
    /// What a message must hold for any of the patterns to match in it (see <see cref="MessageNeeds"/>), or
    /// <c>null</c> when a pattern can match without any particular word. For each pattern, up to
    /// <see cref="NeedsPerPattern"/> of the parts it cannot match without, as the pattern syntax says (a word, a
    /// stem, a set or a group; not an optional part or a gap), each with the words that part can hold; of those parts,
    /// the ones whose words the lexicon uses least (words most patterns use, such as "my" or "no", say the least
    /// about a message). Worked out when first asked for, from any thread (one at a time here), after all the
    /// lexicon's patterns are compiled: it uses what they use. A host asks for them all after its first reply.
    /// </summary>
    /// <param name="patterns">The patterns.</param>
    /// <returns>The needs, or <c>null</c> when a pattern may match without any particular word.</returns>
    public Lazy<MessageNeeds?> Needs(IReadOnlyList<string> patterns)
        => new(
            () =>
            {
                try
                {
                    return WorkOutNeeds(patterns);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The needs only save work: should working them out ever throw (it cannot for a lexicon that
                    // loaded, whose tokens and sets all compiled), the pattern is tried as before, rather than the
                    // Lazy giving every later message the same exception.
                    return null;
                }
            },
            LazyThreadSafetyMode.ExecutionAndPublication);

    private MessageNeeds? WorkOutNeeds(IReadOnlyList<string> patterns)
    {
        var alternatives = new List<IReadOnlyList<NeededWords>>();
        lock (_setKeys)
        {
            foreach (var pattern in patterns)
            {
                var tokens = Tokenize(pattern, "needs");
                var position = 0;
                var parts = new List<NeededWords>();
                KeysOfSequence(tokens, ref position, stopAt: null, parts);
                if (parts.Count == 0)
                {
                    return null;
                }

                alternatives.Add([.. parts.OrderBy(p => p.Cost).Take(NeedsPerPattern)]);
            }
        }

        return new MessageNeeds(alternatives);
    }

    /// <summary>How many of a pattern's parts <see cref="Needs"/> checks a message for.</summary>
    public const int NeedsPerPattern = 3;

    /// <summary>
    /// The words one of which a match of the sequence holds: those of the part of it that says the most (its words
    /// the lexicon's least used); <c>null</c> when all of it is optional. With <paramref name="parts"/>, every part
    /// it cannot match without, too.
    /// </summary>
    private NeededWords? KeysOfSequence(List<string> tokens, ref int position, string? stopAt, List<NeededWords>? parts = null)
    {
        NeededWords? best = null;
        while (position < tokens.Count)
        {
            var token = tokens[position];
            if (token == stopAt || (stopAt == ")" && token == "|") || (stopAt == "]" && token == "|"))
            {
                break;
            }

            position++;
            NeededWords? keys;
            switch (token)
            {
                case "(":
                    keys = KeysOfGroup(tokens, ref position, ")");
                    break;
                case "[":
                    // Optional: a match need not hold any of it.
                    KeysOfGroup(tokens, ref position, "]");
                    keys = null;
                    break;
                case "...":
                    keys = null;
                    break;
                default:
                    keys = KeysOfWord(token);
                    break;
            }

            if (keys is null)
            {
                continue;
            }

            if (parts is not null && !parts.Contains(keys))
            {
                parts.Add(keys);
            }

            if (best is null || keys.Cost < best.Cost)
            {
                best = keys;
            }
        }

        return best;
    }

    /// <summary>The words one of which a match of the group holds; <c>null</c> when one of its sides needs none.</summary>
    private NeededWords? KeysOfGroup(List<string> tokens, ref int position, string close)
    {
        var sides = new List<NeededWords>();
        var needed = true;
        while (position < tokens.Count)
        {
            if (KeysOfSequence(tokens, ref position, close) is { } side)
            {
                sides.Add(side);
            }
            else
            {
                needed = false;
            }

            if (position < tokens.Count && tokens[position++] == close)
            {
                break;
            }
        }

        return needed ? NeededWords.AnyOf(sides) : null;
    }

    private NeededWords? KeysOfWord(string token)
    {
        if (token.StartsWith('{') && token.EndsWith('}'))
        {
            var name = token[1..^1];
            if (_setKeys.TryGetValue(name, out var known))
            {
                return known;
            }

            var sides = new List<NeededWords>();
            foreach (var phrase in sets[name])
            {
                var phraseTokens = Tokenize(phrase, "needs");
                var position = 0;
                if (KeysOfSequence(phraseTokens, ref position, stopAt: null) is not { } side)
                {
                    sides = null;
                    break;
                }

                sides.Add(side);
            }

            var keys = sides is null ? null : NeededWords.AnyOf(sides);
            _setKeys[name] = keys;
            return keys;
        }

        if (_wordKeys.TryGetValue(token, out var word))
        {
            return word;
        }

        var words = new StartWords();
        FirstOfWord(token, words);

        // How little a message holding it says: how often the lexicon uses it (a stem of three letters or fewer,
        // "tin*" with its star, is in many words).
        var cost = words.Prefixes.Count > 0
            ? 1 + _uses.GetValueOrDefault(token) + (token.Length <= 4 ? 100 : 0)
            : words.Words.Count * (1 + _uses.GetValueOrDefault(token));
        word = NeededWords.Of(words, cost);
        _wordKeys[token] = word;
        return word;
    }

    /// <summary>Compiles one pattern.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="where">Where it is, for error messages.</param>
    /// <returns>The regex source: a sequence of tokens, each followed by a space.</returns>
    public string Compile(string pattern, string where)
    {
        var tokens = Tokenize(pattern, where);
        var position = 0;
        var result = Sequence(tokens, ref position, where, stopAt: null);
        if (position != tokens.Count)
        {
            throw new InvalidDataException($"{where}: unexpected '{tokens[position]}' in pattern \"{pattern}\".");
        }

        if (result.Length == 0)
        {
            throw new InvalidDataException($"{where}: the pattern \"{pattern}\" is empty.");
        }

        return result;
    }

    private static string GapWord(IEnumerable<string> clauseStarters, IEnumerable<string> hardStops)
    {
        // A gap word is any token but a sentence end or a hard stop ("but", "except"), and a gap never runs
        // on past "and", "or" or a comma that starts a new clause ("and my leg is numb").
        var starters = string.Join("|", clauseStarters.Select(Regex.Escape).OrderByDescending(s => s.Length));
        var stops = string.Join("|", hardStops.Select(Regex.Escape).OrderByDescending(s => s.Length));
        var notStop = stops.Length > 0 ? $"(?!(?:{stops}) )" : string.Empty;
        var notNewClause = starters.Length > 0 ? $"(?!(?:,|and|or) (?:{starters}) )" : string.Empty;

        // Nor over a negation: "my feet do not drag" is not "feet … drag".
        const string notNegation = "(?!(?:no|not|never|without|nor|neither|none|nothing|nobody) )";
        return $"{notStop}{notNewClause}{notNegation}[^ .!?;]+ ";
    }

    private string Sequence(List<string> tokens, ref int position, string where, string? stopAt)
    {
        var builder = new StringBuilder();
        while (position < tokens.Count)
        {
            var token = tokens[position];
            if (token == stopAt || (stopAt == ")" && token == "|") || (stopAt == "]" && token == "|"))
            {
                break;
            }

            position++;
            switch (token)
            {
                case "(":
                    builder.Append(Group(tokens, ref position, where, ")", optional: false));
                    break;
                case "[":
                    builder.Append(Group(tokens, ref position, where, "]", optional: true));
                    break;
                case "...":
                    builder.Append("(?:").Append(_gapWord).Append(CultureInfo.InvariantCulture, $"){{0,{GapWords}}}");
                    break;
                case ")" or "]" or "|":
                    throw new InvalidDataException($"{where}: unbalanced '{token}'.");
                default:
                    builder.Append(Word(token, where));
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Adds the first words of a sequence (while what comes before can match nothing); whether all of it can.</summary>
    private bool FirstOfSequence(List<string> tokens, ref int position, string? stopAt, StartWords? starts)
    {
        var nullable = true;
        while (position < tokens.Count)
        {
            var token = tokens[position];
            if (token == stopAt || (stopAt == ")" && token == "|") || (stopAt == "]" && token == "|"))
            {
                break;
            }

            position++;
            var into = nullable ? starts : null;
            var elementNullable = token switch
            {
                "(" => FirstOfGroup(tokens, ref position, ")", into),
                "[" => FirstOfGroup(tokens, ref position, "]", into) || true,
                "..." => Anything(into),
                _ => FirstOfWord(token, into),
            };
            nullable &= elementNullable;
        }

        return nullable;
    }

    private bool FirstOfGroup(List<string> tokens, ref int position, string close, StartWords? starts)
    {
        var nullable = false;
        while (position < tokens.Count)
        {
            nullable |= FirstOfSequence(tokens, ref position, close, starts);
            if (position < tokens.Count && tokens[position++] == close)
            {
                break;
            }
        }

        return nullable;
    }

    private static bool Anything(StartWords? starts)
    {
        starts?.Anything = true;
        return true;
    }

    private bool FirstOfWord(string token, StartWords? starts)
    {
        if (token.StartsWith('{') && token.EndsWith('}'))
        {
            var nullable = false;
            foreach (var phrase in sets[token[1..^1]])
            {
                var phraseTokens = Tokenize(phrase, "starts");
                var position = 0;
                nullable |= FirstOfSequence(phraseTokens, ref position, stopAt: null, starts);
            }

            return nullable;
        }

        if (starts is null)
        {
            return false;
        }

        if (token.EndsWith('*') && token.Length > 1)
        {
            starts.Prefixes.Add(token[..^1]);
            return false;
        }

        // As Word compiles it: the word, and its plurals where it takes them.
        starts.Words.Add(token);
        if (token.Length >= 3 && token.All(char.IsLetter) && !token.EndsWith('s'))
        {
            starts.Words.Add(token + "s");
            starts.Words.Add(token + "es");
        }

        return false;
    }

    private string Group(List<string> tokens, ref int position, string where, string close, bool optional)
    {
        var alternatives = new List<string>();
        while (true)
        {
            alternatives.Add(Sequence(tokens, ref position, where, close));
            if (position >= tokens.Count)
            {
                throw new InvalidDataException($"{where}: missing '{close}'.");
            }

            var token = tokens[position++];
            if (token == close)
            {
                break;
            }
        }

        return "(?:" + string.Join("|", alternatives) + ")" + (optional ? "?" : string.Empty);
    }

    private string Word(string token, string where)
    {
        if (token.StartsWith('{') && token.EndsWith('}'))
        {
            return "(?:" + Set(token[1..^1], where) + ")";
        }

        if (token.EndsWith('*') && token.Length > 1)
        {
            var stem = token[..^1];
            Stems.Add(stem);
            CollectionsMarshal.GetValueRefOrAddDefault(_uses, token, out _)++;
            return Regex.Escape(stem) + @"[\p{L}\p{N}]* ";
        }

        if (token.Contains('\'', StringComparison.Ordinal) || token.Any(char.IsUpper))
        {
            throw new InvalidDataException($"{where}: \"{token}\" must be lower case, without apostrophes.");
        }

        if (token.All(char.IsLetter))
        {
            Words.Add(token);
        }

        CollectionsMarshal.GetValueRefOrAddDefault(_uses, token, out _)++;

        // Singular and plural alike: "leg" matches "legs", "ache" matches "aches".
        var plural = token.Length >= 3 && token.All(char.IsLetter) && !token.EndsWith('s') ? "(?:s|es)?" : string.Empty;
        return Regex.Escape(token) + plural + " ";
    }

    private string Set(string name, string where)
    {
        if (_compiledSets.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!sets.TryGetValue(name, out var phrases))
        {
            throw new InvalidDataException($"{where}: the set {{{name}}} is not defined.");
        }

        if (phrases is null || phrases.Count == 0)
        {
            // It would compile to an empty part that matches without any word, where the start words and the
            // needs (which take a set for one of its phrases) find none: refused, as a set emptied by mistake.
            throw new InvalidDataException($"{where}: the set {{{name}}} has no phrases.");
        }

        if (!_compiling.Add(name))
        {
            throw new InvalidDataException($"{where}: the set {{{name}}} refers to itself.");
        }

        var compiled = string.Join("|", phrases.Select(p => Compile(p, $"sets.{name}")));
        _compiling.Remove(name);
        _compiledSets[name] = compiled;
        return compiled;
    }

    private static List<string> Tokenize(string pattern, string where)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new InvalidDataException($"{where}: an empty pattern.");
        }

        var tokens = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else if (c is '(' or ')' or '[' or ']' or '|')
            {
                Flush();
                tokens.Add(c.ToString());
            }
            else if (c == '{')
            {
                Flush();
                var end = pattern.IndexOf('}', i);
                if (end < 0)
                {
                    throw new InvalidDataException($"{where}: missing '}}' in \"{pattern}\".");
                }

                tokens.Add(pattern[i..(end + 1)]);
                i = end;
            }
            else if (c == '.' && pattern.AsSpan(i).StartsWith("..."))
            {
                Flush();
                tokens.Add("...");
                i += 2;
            }
            else if (char.IsLetterOrDigit(c) || c == '*' || c == '\'')
            {
                word.Append(c);
            }
            else
            {
                // Punctuation is a token of its own in normalised text: "7 / 10", "- no".
                Flush();
                tokens.Add(c.ToString());
            }
        }

        Flush();
        return tokens;
    }
}

/// <summary>The words a pattern's match can start with (see <see cref="PatternCompiler.Starts"/>).</summary>
public sealed class StartWords
{
    /// <summary>Gets the whole words.</summary>
    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the stems: any word starting so.</summary>
    public List<string> Prefixes { get; } = [];

    /// <summary>Gets or sets a value indicating whether a match may start at any word.</summary>
    public bool Anything { get; set; }

    /// <summary>Whether a match may start at this token.</summary>
    /// <param name="token">A token of the normalised text.</param>
    /// <returns><c>true</c> when it may.</returns>
    public bool CanStartAt(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (Anything || Words.Contains(token))
        {
            return true;
        }

        foreach (var prefix in Prefixes)
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// What a message must hold for a pattern to match in it (see <see cref="PatternCompiler.Needs"/>): for each of the
/// pattern's alternatives, a few parts it cannot match without, each as the words that part can hold. A message in
/// which no alternative finds a word for each of its parts cannot match, and needs no regex.
/// </summary>
public sealed class MessageNeeds
{
    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
    private readonly (string Prefix, int Row)[] _prefixes;

    /// <summary>Rows of <see cref="_width"/> 64-bit words, one row per word or stem: the parts it is a word of.</summary>
    private readonly ulong[] _rows;

    /// <summary>Rows of <see cref="_width"/> 64-bit words, one row per alternative: the parts it needs.</summary>
    private readonly ulong[] _alternatives;
    private readonly int _width;

    /// <summary>Initializes a new instance of the <see cref="MessageNeeds"/> class.</summary>
    /// <param name="alternatives">For each alternative, the words of each part it needs (a part shared by alternatives is the same object).</param>
    internal MessageNeeds(IReadOnlyList<IReadOnlyList<NeededWords>> alternatives)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        var parts = alternatives.SelectMany(a => a).Distinct().ToList();
        _width = Math.Max(1, (parts.Count + 63) / 64);
        var rows = new List<ulong>();
        var prefixes = new Dictionary<string, int>(StringComparer.Ordinal);
        void Set(Dictionary<string, int> rowOf, string key, int part)
        {
            if (!rowOf.TryGetValue(key, out var row))
            {
                row = rows.Count / _width;
                rowOf[key] = row;
                rows.AddRange(new ulong[_width]);
            }

            rows[(row * _width) + (part / 64)] |= 1UL << (part % 64);
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var words = parts[i].Flatten();
            foreach (var word in words.Words)
            {
                Set(_words, word, i);
            }

            foreach (var prefix in words.Prefixes)
            {
                Set(prefixes, prefix, i);
            }
        }

        _rows = [.. rows];
        _prefixes = [.. prefixes.Select(p => (p.Key, p.Value))];
        _alternatives = new ulong[alternatives.Count * _width];
        for (var a = 0; a < alternatives.Count; a++)
        {
            foreach (var part in alternatives[a])
            {
                var i = parts.IndexOf(part);
                _alternatives[(a * _width) + (i / 64)] |= 1UL << (i % 64);
            }
        }
    }

    /// <summary>Whether a match may be in a message with these tokens.</summary>
    /// <param name="tokens">The tokens of a normalised message.</param>
    /// <returns><c>false</c> when no alternative of the pattern finds all the words it needs.</returns>
    public bool CouldMatch(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Span<ulong> met = stackalloc ulong[_width];
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (_words.TryGetValue(token, out var row))
            {
                Or(met, row);
            }

            foreach (var (prefix, prefixRow) in _prefixes)
            {
                if (token.StartsWith(prefix, StringComparison.Ordinal))
                {
                    Or(met, prefixRow);
                }
            }
        }

        for (var at = 0; at < _alternatives.Length; at += _width)
        {
            var all = true;
            for (var w = 0; w < _width && all; w++)
            {
                all = (_alternatives[at + w] & ~met[w]) == 0;
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private void Or(Span<ulong> into, int row)
    {
        for (var w = 0; w < _width; w++)
        {
            into[w] |= _rows[(row * _width) + w];
        }
    }
}

/// <summary>
/// The words one of which a part of a pattern holds (see <see cref="PatternCompiler.Needs"/>): a word with its
/// forms, or any of several parts' words (a group's sides, a set's phrases), kept as they are until a part is
/// chosen, then flattened once.
/// </summary>
internal sealed class NeededWords
{
    private readonly StartWords? _words;
    private readonly IReadOnlyList<NeededWords> _sides;
    private StartWords? _flat;

    private NeededWords(StartWords? words, IReadOnlyList<NeededWords> sides, double cost)
        => (_words, _sides, Cost) = (words, sides, cost);

    /// <summary>Gets how little a message holding one of the words says (see <see cref="PatternCompiler.Needs"/>).</summary>
    public double Cost { get; }

    /// <summary>A word (or stem) with its forms.</summary>
    public static NeededWords Of(StartWords words, double cost) => new(words, [], cost);

    /// <summary>Any of these parts' words.</summary>
    public static NeededWords AnyOf(IReadOnlyList<NeededWords> sides) => sides.Count == 1 ? sides[0] : new(null, sides, sides.Sum(s => s.Cost));

    /// <summary>All the words, once (worked out once: a set is a part of many patterns).</summary>
    public StartWords Flatten()
    {
        // Patterns' needs are gathered on several threads at once (see PatternCompiler.Needs): a part's words are
        // published whole, and the first published wins.
        if (Volatile.Read(ref _flat) is { } flat)
        {
            return flat;
        }

        if (_words is { } words)
        {
            return words;
        }

        flat = new StartWords();
        foreach (var side in _sides)
        {
            var sideWords = side.Flatten();
            flat.Words.UnionWith(sideWords.Words);
            flat.Prefixes.AddRange(sideWords.Prefixes.Where(p => !flat.Prefixes.Contains(p, StringComparer.Ordinal)));
        }

        return Interlocked.CompareExchange(ref _flat, flat, null) ?? flat;
    }
}
