using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Understanding;

/// <summary>
/// A pattern's regex is tried only in a message that holds a word of each part the pattern cannot match without
/// (PatternCompiler.Needs). That may only skip work: whatever the pattern syntax, <see cref="LexiconPattern.Spans"/>
/// finds exactly what a scan of the whole text with the same regex finds. These tests hold it to that with lexicons
/// of their own: the shipped content with concepts written for the test.
/// </summary>
public class PatternNeedsTests
{
    // Random patterns can backtrack a while: on a loaded CI machine a match cut short at the host's 1 s would read
    // fewer spans than the scan it is compared with (seen once), which is no difference between the two.
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(60);

    /// <summary>Short words (no typo correction, no rewrite), a few taking plurals, a stem that is also a word.</summary>
    private static readonly string[] PatternWords = ["ant", "bee", "cat", "dog", "elk", "fox", "gnu", "hen", "ox", "7", "10", ",", "/", "-", ":"];

    private static readonly string[] PatternStems = ["ow*", "ant*", "ye*"];

    /// <summary>What a message may hold besides the pattern words: their plurals, words of the stems, fillers, stops.</summary>
    private static readonly string[] MessageWords =
    [
        "ants", "antes", "bees", "cats", "cates", "dogs", "foxes", "foxs", "hens", "oxs", "owl", "owing", "ow", "antler", "yes", "yet",
        "the", "and", "my", "but", "no", "not", ".", "!", "really", "quite", "i",
    ];

    private static readonly string[] WarningSignCorpus = ["emergency-questions.tsv", "emergency-checklist.tsv", "free-text.tsv"];

    private static readonly string[] RealGap = ["really", "quite", "a", "bit", "very", "the"];

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public void A_set_with_no_phrases_stops_the_load_naming_the_set(string phrases)
    {
        // An empty set compiles to an empty part of the regex, which matches without any word: a scan of "my leg
        // feels numb" finds "{nothing} leg feels numb". Yet the needs took the set for a part the pattern cannot
        // match without, one no word satisfies, so the pattern never tried its regex (and the start words, which
        // stop at the set, had no "leg" either): Spans found nothing. A set emptied by an edit is a broken
        // lexicon: the load refuses it and says which set (as it does a set left null, which was refused as "a
        // pattern that does not compile: Value cannot be null", naming neither the set nor the pattern).
        var folder = LexiconCopy.Folder(root =>
        {
            root["sets"]!["nothing"] = JsonNode.Parse(phrases);
            root["concepts"]!["ZzEmptySet"] = new JsonObject { ["current"] = false, ["patterns"] = new JsonArray("{nothing} leg feels numb") };
        });

        var error = Assert.Throws<InvalidDataException>(() => Lexicon.Load(folder));

        Assert.Contains("{nothing}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_that_can_match_without_any_word_reads_a_message_and_does_not_crash_the_turn()
    {
        // "[really] tingl*" is a pattern; "[really]" alone is one too (the lexicon loads it): it needs no particular
        // word, so it is tried by a scan of the whole text, which finds an empty match at the very end of the text
        // and then looked for the next token past the end (ArgumentOutOfRangeException on every message).
        var lexicon = Lexicon.Load(LexiconCopy.Folder(root =>
            root["concepts"]!["ZzOptional"] = new JsonObject { ["current"] = false, ["patterns"] = new JsonArray("[really] ( tingl* | prickl* )", "[quite]") }));
        using var layer = new LanguageLayer(lexicon);

        var analysis = layer.Analyse("it is really tingling");

        Assert.Contains((2, 4), lexicon.Concepts["ZzOptional"].Pattern.Spans(analysis.Utterance));
        Assert.Contains(analysis.Mentions, m => m.Concept == "ZzOptional");
    }

    [Fact]
    public void Random_patterns_of_every_syntax_find_exactly_what_a_scan_of_the_whole_text_finds()
    {
        // Patterns made at random from the whole syntax (words with plurals, stems, punctuation, groups with an
        // empty side, optional parts, gaps, sets using sets, sets whose phrases are all optional), and messages
        // made at random from their words and forms, and spelled out from each pattern.
        var random = new Random(20261127);
        var sets = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var s = 0; s < 8; s++)
        {
            var earlier = sets.Keys.ToArray();
            sets[$"zz{s}"] = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pattern(random, earlier, depth: 1))];
        }

        var concepts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var c = 0; c < 240; c++)
        {
            concepts[$"Zz{c:000}"] = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pattern(random, [.. sets.Keys], depth: 0))];
        }

        var lexicon = Lexicon.Load(LexiconCopy.Folder(root =>
        {
            foreach (var (name, phrases) in sets)
            {
                root["sets"]![name] = new JsonArray([.. phrases.Select(p => (JsonNode)p)]);
            }

            foreach (var (name, patterns) in concepts)
            {
                root["concepts"]![name] = new JsonObject { ["current"] = false, ["patterns"] = new JsonArray([.. patterns.Select(p => (JsonNode)p)]) };
            }
        }),
        Slow);

        var vocabulary = PatternWords.Concat(PatternStems.Select(s => s[..^1])).ToArray();
        var messages = Enumerable.Range(0, 500)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 16))
                .Select(_ => random.Next(3) == 0 ? MessageWords[random.Next(MessageWords.Length)] : vocabulary[random.Next(vocabulary.Length)])))
            .Select(text => Utterance.Of(text, lexicon))
            .ToList();
        var checkedSpans = 0;
        var found = 0;
        foreach (var (name, patterns) in concepts)
        {
            var pattern = lexicon.Concepts[name].Pattern;
            var whole = new LexiconPattern(pattern.ToString(), RegexOptions.CultureInvariant, Slow);
            var spelled = patterns.SelectMany(p => Enumerable.Range(0, 8).Select(_ => Utterance.Of(SpellOut(p, sets, random), lexicon)));
            foreach (var message in messages.Concat(spelled))
            {
                var expected = whole.Spans(message);
                Assert.True(expected.SequenceEqual(pattern.Spans(message)), $"{name} {string.Join(" || ", patterns)}: \"{message.Text}\" ({string.Join(';', expected)})");
                checkedSpans++;
                found += expected.Count > 0 ? 1 : 0;
            }
        }

        Assert.True(found > checkedSpans / 10, $"the messages should match often ({found} of {checkedSpans})");
    }

    [Fact]
    public void Phrases_spelled_out_from_every_pattern_list_of_the_shipped_lexicon_are_found_as_a_scan_finds_them()
    {
        // LexiconPatternTests spells out the concepts, negation, terminators, pseudo and the general answers; the
        // needs are worked out for every pattern list, so this spells out all of them: the excludes, the short
        // names of checklist items, every ConText list, polite words, corrections, commands, routine commands,
        // severity words.
        var lexicon = Language.Lexicon;
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(SolutionPaths.BotProject, "Content", "en", Lexicon.FileName)), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var sets = root["sets"]!.AsObject().ToDictionary(p => p.Key, p => Strings(p.Value), StringComparer.Ordinal);
        static string[] Strings(JsonNode? list) => [.. list!.AsArray().Select(v => v!.GetValue<string>())];
        var sources = new List<(string Where, LexiconPattern Pattern, string[] Patterns)>();
        foreach (var (name, concept) in root["concepts"]!.AsObject())
        {
            sources.Add(($"concepts.{name}", lexicon.Concepts[name].Pattern, Strings(concept!["patterns"])));
            if (concept["excludes"] is { } excludes)
            {
                sources.Add(($"concepts.{name}.excludes", lexicon.Concepts[name].Excludes!, Strings(excludes)));
            }
        }

        foreach (var (sign, items) in root["checklist"]!["items"]!.AsObject())
        {
            sources.Add(($"checklist.items.{sign}", lexicon.Concepts[Lexicon.ItemWordsPrefix + sign].Pattern, Strings(items)));
        }

        var context = root["context"]!;
        sources.AddRange(
        [
            ("context.negation.before", lexicon.NegationBefore, Strings(context["negation"]!["before"])),
            ("context.negation.after", lexicon.NegationAfter, Strings(context["negation"]!["after"])),
            ("context.other.before", lexicon.OtherBefore, Strings(context["other"]!["before"])),
            ("context.self", lexicon.Self, Strings(context["self"])),
            ("context.past.before", lexicon.PastBefore, Strings(context["past"]!["before"])),
            ("context.past.after", lexicon.PastAfter, Strings(context["past"]!["after"])),
            ("context.hypothetical.before", lexicon.HypotheticalBefore, Strings(context["hypothetical"]!["before"])),
            ("context.uncertain.before", lexicon.UncertainBefore, Strings(context["uncertain"]!["before"])),
            ("context.uncertain.after", lexicon.UncertainAfter, Strings(context["uncertain"]!["after"])),
            ("context.terminators", lexicon.Terminators, Strings(context["terminators"])),
            ("context.clauseStarters", lexicon.ClauseStarters, Strings(context["clauseStarters"])),
            ("context.pseudo", lexicon.Pseudo, Strings(context["pseudo"])),
            ("general.yes", lexicon.GeneralYes, Strings(root["general"]!["yes"])),
            ("general.no", lexicon.GeneralNo, Strings(root["general"]!["no"])),
            ("general.notSure", lexicon.GeneralNotSure, Strings(root["general"]!["notSure"])),
            ("general.none", lexicon.ChecklistNone, Strings(root["general"]!["none"])),
            ("general.some", lexicon.ChecklistSome, Strings(root["general"]!["some"])),
            ("general.all", lexicon.ChecklistAll, Strings(root["general"]!["all"])),
            ("checklist.except", lexicon.ChecklistExcept, Strings(root["checklist"]!["except"])),
            ("polite", lexicon.Polite, Strings(root["polite"])),
            ("correction", lexicon.Correction, Strings(root["correction"])),
        ]);
        foreach (var (name, patterns) in root["commands"]!.AsObject())
        {
            sources.Add(($"commands.{name}", lexicon.Commands.Single(c => c.Command.ToString() == name).Pattern, Strings(patterns)));
        }

        foreach (var (name, patterns) in root["routineCommands"]!.AsObject())
        {
            sources.Add(($"routineCommands.{name}", lexicon.RoutineCommands.Single(c => c.Command.ToString() == name).Pattern, Strings(patterns)));
        }

        var severity = root["severity"]!.AsArray();
        for (var i = 0; i < severity.Count; i++)
        {
            sources.Add(($"severity[{i}]", lexicon.Severity[i].Pattern, Strings(severity[i]!["patterns"])));
        }

        var random = new Random(20261128);
        var tried = 0;
        var found = 0;
        foreach (var (where, pattern, patterns) in sources)
        {
            var whole = new LexiconPattern(pattern.ToString(), RegexOptions.CultureInvariant, Slow);
            foreach (var source in patterns)
            {
                for (var k = 0; k < 6; k++)
                {
                    var message = Language.Layer.Normalize(SpellOut(source, sets, random, RealGap));
                    var expected = whole.Spans(message);
                    Assert.True(expected.SequenceEqual(pattern.Spans(message)), $"{where}: \"{message.Text}\" from \"{source}\"");
                    tried++;
                    found += expected.Count > 0 ? 1 : 0;
                }
            }
        }

        Assert.True(sources.Count > 100 && found > tried * 0.8, $"most spelled-out phrases should match their pattern ({found} of {tried}, {sources.Count} lists)");
    }

    [Fact]
    public async Task Many_first_turns_at_once_work_out_the_needs_together_and_read_as_a_scan_does()
    {
        // A fresh lexicon, nothing worked out yet: eight turns at once are each the first to ask a pattern for its
        // needs (one works them out, the others wait for it; the parts shared through sets are flattened by
        // whichever comes first). Every reading is what a scan of the whole text reads.
        var lexicon = Lexicon.Load(Path.Combine(SolutionPaths.BotProject, "Content", "en"));
        var layer = new LanguageLayer(lexicon);
        var messages = WarningSignCorpus
            .SelectMany(file => File.ReadLines(Path.Combine(SolutionPaths.Root, "BackCare.Bot.Tests", "Understanding", "Corpus", file)))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split('\t')).Where(f => f.Length >= 2).Select(f => f[1])
            .Select(layer.Normalize).ToArray();
        Assert.True(messages.Length >= 300, "the warning-sign corpus should give a few hundred messages");
        var patterns = lexicon.Concepts.Values.Select(c => c.Pattern).ToArray();
        var scans = patterns.Select(p => new LexiconPattern(p.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5))).ToArray();
        var expected = messages.Select(m => scans.Select(s => string.Join(';', s.Spans(m))).ToArray()).ToArray();
        Assert.Contains(expected, spans => spans.Any(s => s.Length > 0));

        using var start = new Barrier(8);
        var callers = Enumerable.Range(0, 8).Select(caller => Task.Run(() =>
        {
            start.SignalAndWait();
            var mismatches = new List<string>();
            for (var i = 0; i < messages.Length; i++)
            {
                var m = (i + (caller * 41)) % messages.Length;
                for (var p = 0; p < patterns.Length; p++)
                {
                    // Callers take the patterns in different orders, so they meet on the same one while it is worked out.
                    var q = caller % 2 == 0 ? p : patterns.Length - 1 - p;
                    if (string.Join(';', patterns[q].Spans(messages[m])) != expected[m][q])
                    {
                        mismatches.Add($"{lexicon.Concepts.Keys.ElementAt(q)}: {messages[m].Text}");
                    }
                }
            }

            return mismatches;
        }));

        Assert.All(await Task.WhenAll(callers), Assert.Empty);
    }

    /// <summary>A random pattern: a sequence of words, stems, sets, groups, optional parts and gaps.</summary>
    private static string Pattern(Random random, string[] sets, int depth)
    {
        var parts = new List<string>();
        var count = random.Next(1, depth > 0 ? 3 : 5);
        for (var i = 0; i < count; i++)
        {
            // Nested as deep as the lexicon's own patterns are: a group in a group, not deeper.
            var kind = random.Next(depth > 1 ? 5 : 10);
            parts.Add(kind switch
            {
                0 or 1 or 2 => PatternWords[random.Next(PatternWords.Length)],
                3 => PatternStems[random.Next(PatternStems.Length)],
                4 when sets.Length > 0 => "{" + sets[random.Next(sets.Length)] + "}",
                5 or 6 => "( " + string.Join(" | ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(8) == 0 ? string.Empty : Pattern(random, sets, depth + 1))) + " )",
                7 or 8 => "[ " + string.Join(" | ", Enumerable.Range(0, random.Next(1, 3)).Select(_ => Pattern(random, sets, depth + 1))) + " ]",
                9 => "...",
                _ => PatternWords[random.Next(PatternWords.Length)],
            });
        }

        return string.Join(' ', parts);
    }

    /// <summary>One way of saying a pattern: a side of each group, a phrase of each set, an optional part or a gap now and then.</summary>
    private static string SpellOut(string pattern, IReadOnlyDictionary<string, string[]> sets, Random random, string[]? gap = null)
    {
        gap ??= MessageWords;
        var words = new List<string>();
        var tokens = Regex.Matches(pattern, @"\.\.\.|\{[^}]+\}|[()\[\]|]|[^\s()\[\]|{]+").Select(m => m.Value).ToList();
        var position = 0;
        Sequence(tokens, ref position);
        return string.Join(' ', words);

        void Sequence(List<string> tokens, ref int position)
        {
            while (position < tokens.Count && tokens[position] is not ("|" or ")" or "]"))
            {
                var token = tokens[position++];
                switch (token)
                {
                    case "(" or "[":
                        var close = token == "(" ? ")" : "]";
                        var sides = new List<(int Start, int End)>();
                        var start = position;
                        for (var depth = 0; position < tokens.Count; position++)
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
                            var at = 0;
                            Sequence(tokens.GetRange(from, to - from), ref at);
                        }

                        break;
                    case "...":
                        words.AddRange(gap.Skip(random.Next(gap.Length)).Take(random.Next(4)));
                        break;
                    case var set when set.StartsWith('{'):
                        var phrases = sets[set[1..^1]];
                        words.Add(SpellOut(phrases[random.Next(phrases.Length)], sets, random, gap));
                        break;
                    case var stem when stem.EndsWith('*') && stem.Length > 1:
                        words.Add(stem[..^1] + (random.Next(2) == 0 ? string.Empty : "ing"));
                        break;
                    default:
                        words.Add(random.Next(4) == 0 && token.Length >= 3 && token.All(char.IsLetter) && !token.EndsWith('s') ? token + (random.Next(2) == 0 ? "s" : "es") : token);
                        break;
                }
            }
        }
    }
}
