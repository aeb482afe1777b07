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
}
