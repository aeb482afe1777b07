using BackCare.Bot.Tests.Support;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Understanding;

/// <summary>
/// The lexicon's patterns are matched by many turns at once: each keeps a few regex instances, one caller per
/// instance. Whatever the interleaving, every caller reads exactly what one caller alone reads.
/// </summary>
public class LexiconPatternTests
{
    private static IEnumerable<string> CorpusMessages() =>
        Directory.EnumerateFiles(Path.Combine(SolutionPaths.Root, "BackCare.Bot.Tests", "Understanding", "Corpus"), "*.tsv")
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 2)
            .Select(fields => fields[1]);

    [Fact]
    public async Task Many_callers_at_once_read_every_message_as_one_caller_alone_does()
    {
        var messages = CorpusMessages().Take(400).Select(Language.Layer.Normalize).ToArray();
        Assert.True(messages.Length >= 200, "the corpus should give a few hundred messages");
        var patterns = Language.Lexicon.Concepts.Values.Select(c => c.Pattern).Append(Language.Lexicon.NegationBefore).Append(Language.Lexicon.Terminators).ToArray();
        var alone = messages.Select(m => patterns.Select(p => string.Join(';', p.Spans(m))).ToArray()).ToArray();
        Assert.Contains(alone, spans => spans.Any(s => s.Length > 0));

        using var start = new Barrier(8);
        var callers = Enumerable.Range(0, 8).Select(caller => Task.Run(() =>
        {
            start.SignalAndWait();
            var mismatches = 0;
            for (var round = 0; round < 3; round++)
            {
                for (var i = 0; i < messages.Length; i++)
                {
                    // Each caller walks the messages from a different place, so callers meet on the same pattern.
                    var m = (i + (caller * 37)) % messages.Length;
                    for (var p = 0; p < patterns.Length; p++)
                    {
                        mismatches += string.Join(';', patterns[p].Spans(messages[m])) == alone[m][p] ? 0 : 1;
                    }
                }
            }

            return mismatches;
        }));

        Assert.All(await Task.WhenAll(callers), mismatches => Assert.Equal(0, mismatches));
    }

    [Fact]
    public void Trying_only_the_words_a_match_can_start_with_finds_exactly_what_a_scan_of_the_whole_text_finds()
    {
        // Every lexicon pattern, over every message of the corpus (and each message's tokens one by one): trying
        // the regex only at the tokens a match can start with skips work, it never changes a reading.
        var lexicon = Language.Lexicon;
        var patterns = lexicon.Concepts.Values.SelectMany(c => c.Excludes is null ? [c.Pattern] : new[] { c.Pattern, c.Excludes })
            .Concat(typeof(Lexicon).GetProperties().Where(p => p.PropertyType == typeof(LexiconPattern)).Select(p => (LexiconPattern)p.GetValue(lexicon)!))
            .Concat(lexicon.Commands.Select(c => c.Pattern)).Concat(lexicon.RoutineCommands.Select(c => c.Pattern)).Concat(lexicon.Severity.Select(s => s.Pattern))
            .ToList();
        var messages = CorpusMessages().Select(Language.Layer.Normalize).ToList();
        messages.AddRange(messages.SelectMany(m => m.Tokens).Distinct(StringComparer.Ordinal).Select(Language.Layer.Normalize).ToList());
        var found = 0;
        foreach (var pattern in patterns)
        {
            var whole = new LexiconPattern(pattern.ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
            foreach (var message in messages)
            {
                var expected = whole.Spans(message);
                Assert.Equal(expected, pattern.Spans(message));
                Assert.Equal(whole.IsMatch(message.Text), pattern.IsMatch(message.Text));
                found += expected.Count;
            }
        }

        Assert.True(found > 1000, $"the corpus should exercise the patterns ({found} matches)");
    }

    [Theory]
    [InlineData(" please help ")]
    [InlineData(" help please ")]
    [InlineData(" thanks ")]
    [InlineData(" ")]
    public void First_match_and_is_match_say_what_the_regex_itself_says(string text)
    {
        foreach (var pattern in new[] { Language.Lexicon.PoliteAtStart, Language.Lexicon.PoliteAtEnd, Language.Lexicon.Polite })
        {
            var regex = new System.Text.RegularExpressions.Regex(pattern.ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant);
            var expected = regex.Match(text);
            Assert.Equal(expected.Success ? (expected.Index, expected.Length) : null, pattern.FirstMatch(text));
            Assert.Equal(expected.Success, pattern.IsMatch(text));
        }
    }

    [Fact]
    public void Phrases_spelled_out_from_the_lexicons_own_patterns_are_found_as_a_scan_of_the_whole_text_finds_them()
    {
        // Skipping a pattern's regex in a message without the words it needs must never lose a match. The corpus
        // test above holds that for how people wrote; this one for every way the lexicon itself can be said: each
        // pattern is spelled out many times (a side of each group, a phrase of each set, optional parts and gaps
        // now taken, now not), and the pattern, needs and all, finds what a scan of the whole text finds.
        var lexicon = Language.Lexicon;
        using var file = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(SolutionPaths.Root, "BackCare.Bot", "Content", "en", Lexicon.FileName)), new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = file.RootElement;
        var sets = root.GetProperty("sets").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), StringComparer.Ordinal);
        static string[] Strings(System.Text.Json.JsonElement list) => [.. list.EnumerateArray().Select(v => v.GetString()!)];
        var sources = new List<(string Where, LexiconPattern Pattern, string[] Patterns)>();
        foreach (var concept in root.GetProperty("concepts").EnumerateObject())
        {
            sources.Add((concept.Name, lexicon.Concepts[concept.Name].Pattern, Strings(concept.Value.GetProperty("patterns"))));
        }

        var context = root.GetProperty("context");
        sources.Add(("context.negation.before", lexicon.NegationBefore, Strings(context.GetProperty("negation").GetProperty("before"))));
        sources.Add(("context.negation.after", lexicon.NegationAfter, Strings(context.GetProperty("negation").GetProperty("after"))));
        sources.Add(("context.terminators", lexicon.Terminators, Strings(context.GetProperty("terminators"))));
        sources.Add(("context.pseudo", lexicon.Pseudo, Strings(context.GetProperty("pseudo"))));
        var general = root.GetProperty("general");
        sources.Add(("general.yes", lexicon.GeneralYes, Strings(general.GetProperty("yes"))));
        sources.Add(("general.no", lexicon.GeneralNo, Strings(general.GetProperty("no"))));
        sources.Add(("general.notSure", lexicon.GeneralNotSure, Strings(general.GetProperty("notSure"))));
        sources.Add(("general.none", lexicon.ChecklistNone, Strings(general.GetProperty("none"))));

        var random = new Random(20261126);
        var tried = 0;
        var found = 0;
        foreach (var (where, pattern, patterns) in sources)
        {
            var whole = new LexiconPattern(pattern.ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
            foreach (var source in patterns)
            {
                for (var k = 0; k < 6; k++)
                {
                    var words = new List<string>();
                    SpellOut(source, sets, random, words);
                    var message = Language.Layer.Normalize(string.Join(' ', words));
                    var expected = whole.Spans(message);
                    Assert.True(expected.SequenceEqual(pattern.Spans(message)), $"{where}: \"{string.Join(' ', words)}\" from \"{source}\"");
                    tried++;
                    found += expected.Count > 0 ? 1 : 0;
                }
            }
        }

        // Spelling out is rough (a stem gets one ending, typo correction may change a rare word): most, not all, match.
        Assert.True(found > tried * 0.8, $"most spelled-out phrases should match their pattern ({found} of {tried})");
    }

    private static readonly string[] Gap = ["really", "quite"];

    /// <summary>One way of saying a lexicon pattern (Content/README.md): a side of each group, a phrase of each set, an optional part or a gap now and then.</summary>
    private static void SpellOut(string pattern, IReadOnlyDictionary<string, string[]> sets, Random random, List<string> words)
    {
        var tokens = System.Text.RegularExpressions.Regex.Matches(pattern, @"\.\.\.|\{[^}]+\}|[()\[\]|]|[^\s()\[\]|{]+").Select(m => m.Value).ToList();
        var position = 0;
        Sequence(tokens, ref position, stopAt: null);

        void Sequence(List<string> tokens, ref int position, string? stopAt)
        {
            while (position < tokens.Count && tokens[position] != "|" && tokens[position] != stopAt)
            {
                var token = tokens[position++];
                switch (token)
                {
                    case "(" or "[":
                        var close = token == "(" ? ")" : "]";
                        var sides = new List<(int Start, int End)>();
                        var start = position;
                        var depth = 0;
                        for (; position < tokens.Count; position++)
                        {
                            var t = tokens[position];
                            if (depth == 0 && (t == "|" || t == close))
                            {
                                sides.Add((start, position));
                                start = position + 1;
                                if (t == close)
                                {
                                    break;
                                }
                            }
                            else if (t is "(" or "[")
                            {
                                depth++;
                            }
                            else if (t is ")" or "]")
                            {
                                depth--;
                            }
                        }

                        position++;
                        if (token == "(" || random.Next(2) == 0)
                        {
                            var (from, to) = sides[random.Next(sides.Count)];
                            var side = tokens.GetRange(from, to - from);
                            var at = 0;
                            Sequence(side, ref at, stopAt: null);
                        }

                        break;
                    case "...":
                        words.AddRange(Gap[..random.Next(Gap.Length + 1)]);
                        break;
                    case var set when set.StartsWith('{'):
                        var phrases = sets[set[1..^1]];
                        SpellOut(phrases[random.Next(phrases.Length)], sets, random, words);
                        break;
                    case var stem when stem.EndsWith('*') && stem.Length > 1:
                        words.Add(stem[..^1] + (random.Next(2) == 0 ? string.Empty : "ing"));
                        break;
                    default:
                        words.Add(random.Next(4) == 0 && token.Length >= 3 && token.All(char.IsLetter) && !token.EndsWith('s') ? token + "s" : token);
                        break;
                }
            }
        }
    }
}
