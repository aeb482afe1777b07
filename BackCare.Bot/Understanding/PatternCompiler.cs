using System.Globalization;
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
