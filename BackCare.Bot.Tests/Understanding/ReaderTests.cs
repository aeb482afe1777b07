using System.Text.Json.Nodes;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Understanding;

public class DurationReaderTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0); // a Wednesday

    [Theory]
    [InlineData("about 3 weeks", 21)]
    [InlineData("3 weeks", 21)]
    [InlineData("three weeks", 21)]
    [InlineData("since last Tuesday", 8)]
    [InlineData("since yesterday", 1)]
    [InlineData("it started yesterday", 1)]
    [InlineData("this morning", 0)]
    [InlineData("a couple of days", 4)]
    [InlineData("10 days", 10)]
    [InlineData("a fortnight", 14)]
    [InlineData("a week or so", 7)]
    [InlineData("a month", 30)]
    [InlineData("six weeks", 42)]
    [InlineData("a couple of months", 60)]
    [InlineData("on and off for years", 365)]
    [InlineData("years", 365)]
    [InlineData("2-3 weeks", 21)]
    [InlineData("3 weeks ago", 21)]
    [InlineData("since the weekend", 4)]
    [InlineData("3 wks", 21)]
    [InlineData("2 mths", 60)]
    [InlineData("just started", 0)]
    [InlineData("since Monday", 2)]
    [InlineData("a month and a half", 45)]
    [InlineData("since 1st november", 24)]
    public void Reads_natural_durations(string text, int days)
    {
        Assert.Equal(days, Language.Duration.Read(text, Now).Days);
    }

    [Fact]
    public void Plain_answers_read_without_the_recogniser_read_as_the_recogniser_reads_them()
    {
        // "5 days", "two weeks", "a month": read by a pattern of ours (the recogniser costs about a millisecond
        // and 130 KiB a message), to exactly the recogniser's days.
        string[] counts = ["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", .. Enumerable.Range(1, 120).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), "365", "999"];
        var compared = 0;
        foreach (var count in counts)
        {
            foreach (var unit in new[] { "day", "days", "week", "weeks", "month", "months", "year", "years" })
            {
                var said = $"{count} {unit}";
                var expected = DurationReader.RecognizerDays(said, Now);
                if (expected is null)
                {
                    continue;
                }

                Assert.True(expected == Language.Duration.Read(said, Now).Days, $"'{said}': the recogniser reads {expected} days, the reader {Language.Duration.Read(said, Now).Days}");
                compared++;
            }
        }

        Assert.True(compared > 900, $"{compared} answers compared");
    }

    [Theory]
    [InlineData("a few weeks")]
    [InlineData("several weeks")]
    [InlineData("more than 3 weeks")]
    [InlineData("3 or 4 weeks")]
    [InlineData("about a month")]
    [InlineData("3")]
    [InlineData("not long")]
    [InlineData("")]
    public void Answers_either_side_of_four_weeks_or_without_a_unit_are_unclear(string text)
    {
        Assert.False(Language.Duration.Read(text, Now).IsClear);
    }
}

/// <summary>The duration words are the lexicon's: a clinician's edit to lexicon.json changes the reading, and a broken one stops the load.</summary>
public class DurationWordsTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0);

    [Fact]
    public void The_reader_reads_with_the_lexicons_words()
    {
        using var edited = new LanguageLayer(Lexicon.Load(LexiconCopy.Folder(root =>
        {
            var duration = root["duration"]!;
            duration["beforeRecognizer"]!.AsArray().Add(new JsonObject { ["days"] = 10, ["patterns"] = new JsonArray("a week and a bit") });
            duration["seasons"]!["starts"]!["monsoon"] = 6;
            duration["counts"]!["thirteen"] = 13;
            duration["afterNumber"]!["wk"] = "weeks";
        })));
        var reader = new DurationReader(edited);

        Assert.Equal(10, reader.Read("a week and a bit", Now).Days);
        Assert.Equal(177, reader.Read("since the monsoon", Now).Days);
        Assert.Equal(91, reader.Read("thirteen weeks", Now).Days);

        // The shipped words read none of these so.
        Assert.NotEqual(10, Language.Duration.Read("a week and a bit", Now).Days);
        Assert.False(Language.Duration.Read("since the monsoon", Now).IsClear);
    }

    [Theory]
    [InlineData("3 d", 3)]
    [InlineData("3d", 3)]
    [InlineData("2 w", 14)]
    [InlineData("5 mos", 150)]
    [InlineData("2 y", 730)]
    [InlineData("two weeks and a half", 18)]
    [InlineData("1 month and a half", 45)]
    [InlineData("since the autumn", 85)]
    [InlineData("since last winter", 359)]
    [InlineData("a few months", 90)]
    [InlineData("forever", 365)]
    [InlineData("since last night", 1)]
    public void Short_units_counts_seasons_and_vague_phrases_come_from_the_lexicon(string text, int days)
    {
        Assert.Equal(days, Language.Duration.Read(text, Now).Days);
    }

    [Theory]
    [InlineData("duration", null, "duration is missing")]
    [InlineData("units", "{}", "duration.units")]
    [InlineData("counts", "{\"zero\": 0}", "duration: every unit and count")]
    [InlineData("seasons", "{\"starts\": {\"spring\": 13}, \"patterns\": [\"since {season}\"]}", "duration.seasons.starts")]
    [InlineData("seasons", "{\"starts\": {\"spring\": 3}, \"patterns\": [\"since the spring\"]}", "{season}")]
    [InlineData("unclear", "[]", "duration.unclear")]
    [InlineData("afterRecognizer", "[{\"days\": -1, \"patterns\": [\"ages\"]}]", "duration.afterRecognizer[0]")]
    public void A_broken_duration_section_stops_the_load_and_says_where(string field, string? value, string named)
    {
        var folder = LexiconCopy.Folder(root =>
        {
            if (field == "duration")
            {
                root.AsObject().Remove("duration");
            }
            else
            {
                root["duration"]![field] = JsonNode.Parse(value!);
            }
        });

        var error = Assert.Throws<InvalidDataException>(() => Lexicon.Load(folder));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}

public class SeverityReaderTests
{
    [Fact]
    public void A_number_alone_reads_as_the_recogniser_reads_it()
    {
        // Numbers alone skip the recogniser (it is made anew for each call): the same reading, from 0 to 999.
        foreach (var n in Enumerable.Range(0, 1000))
        {
            var said = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var recognised = Microsoft.Recognizers.Text.Number.NumberRecognizer.RecognizeNumber(said, Microsoft.Recognizers.Text.Culture.English)
                .Select(r => decimal.Parse(r.Resolution["value"].ToString()!, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal([n], recognised);
            Assert.Equal(n <= 10 ? (n, false) : null, Language.Severity.Read(said));
        }

        Assert.Equal((5, false), Language.Severity.Read("05"));
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("seven", 7)]
    [InlineData("7/10", 7)]
    [InlineData("7 / 10", 7)]
    [InlineData("seven out of ten", 7)]
    [InlineData("about a 6", 6)]
    [InlineData("6 or 7", 7)]
    [InlineData("between 6 and 7", 7)]
    [InlineData("6.5", 7)]
    [InlineData("0", 0)]
    [InlineData("10", 10)]
    [InlineData("mild", 3)]
    [InlineData("not too bad", 3)]
    [InlineData("moderate", 6)]
    [InlineData("pretty bad", 7)]
    [InlineData("really bad", 8)]
    [InlineData("excruciating", 9)]
    [InlineData("the worst ever", 10)]
    [InlineData("quite painful", 7)]
    [InlineData("it hurts a lot", 8)]
    [InlineData("it varies between 3 and 8", 8)]
    [InlineData("7.5", 8)]
    [InlineData("worst pain of my life", 10)]
    public void Reads_scores_and_words(string text, int score)
    {
        Assert.Equal(score, Language.Severity.Read(text)?.Score);
    }

    [Theory]
    [InlineData("15")]
    [InlineData("-3")]
    [InlineData("purple")]
    [InlineData("")]
    public void Anything_outside_zero_to_ten_is_not_a_score(string text)
    {
        Assert.Null(Language.Severity.Read(text)?.Score);
    }
}

public class AnswerReaderTests
{
    [Theory]
    [InlineData("yes", Answer.Yes)]
    [InlineData("yeah", Answer.Yes)]
    [InlineData("a little", Answer.Yes)]
    [InlineData("I think so", Answer.NotSure)]
    [InlineData("sometimes", Answer.Yes)]
    [InlineData("no", Answer.No)]
    [InlineData("nope", Answer.No)]
    [InlineData("not really", Answer.No)]
    [InlineData("no numbness", Answer.No)]
    [InlineData("none", Answer.No)]
    [InlineData("I don't think so", Answer.No)]
    [InlineData("not sure", Answer.NotSure)]
    [InlineData("I don't know", Answer.NotSure)]
    [InlineData("maybe", Answer.NotSure)]
    [InlineData("occasionally", Answer.Yes)]
    [InlineData("haven't noticed any", Answer.No)]
    [InlineData("not as far as I know", Answer.No)]
    [InlineData("probably not", Answer.NotSure)]
    [InlineData("of course not", Answer.No)]
    public void Reads_yes_no_and_not_sure(string text, Answer expected)
    {
        Assert.Equal(expected, Language.Answers.Read(text, QuestionConcepts.None, null).Answer);
    }

    [Theory]
    [InlineData("purple")]
    [InlineData("")]
    public void Anything_else_is_unclear(string text)
    {
        Assert.Null(Language.Answers.Read(text, QuestionConcepts.None, null).Answer);
    }
}

public class LegReaderTests
{
    [Theory]
    [InlineData("my left leg", Answer.Yes, Legs.One, null)]
    [InlineData("both", Answer.Yes, Legs.Both, null)]
    [InlineData("both legs", Answer.Yes, Legs.Both, null)]
    [InlineData("yes, down to my foot", Answer.Yes, null, Answer.Yes)]
    [InlineData("just the thigh", Answer.Yes, null, Answer.No)]
    [InlineData("right leg, into the calf", Answer.Yes, Legs.One, Answer.Yes)]
    [InlineData("no", Answer.No, null, null)]
    [InlineData("no, only the left one", Answer.Yes, Legs.One, null)]
    [InlineData("no pain in my legs", Answer.No, null, null)]
    [InlineData("it stops above my knee, not lower", Answer.Yes, null, Answer.No)]
    public void Reads_which_leg_and_how_far(string text, Answer? present, Legs? which, Answer? belowKnee)
    {
        Assert.Equal(new LegReading(present, which, belowKnee), Language.Legs.Read(text, Language.Content.Questions[QuestionId.LegPain].Concepts));
    }
}

public class SignScannerTests
{
    [Theory]
    [InlineData("I can't feel between my legs", RedFlag.SaddleNumbness)]
    [InlineData("my bum and inner thighs are numb", RedFlag.SaddleNumbness)]
    [InlineData("numbness around my genitals", RedFlag.SaddleNumbness)]
    [InlineData("I wet myself and can't control it", RedFlag.BladderOrBowel)]
    [InlineData("I've lost control of my bowels", RedFlag.BladderOrBowel)]
    [InlineData("I can't pee properly since this started", RedFlag.BladderOrBowel)]
    [InlineData("both my legs went numb", RedFlag.BothLegsNumbOrWeak)]
    [InlineData("my legs are weak and tingly", RedFlag.BothLegsNumbOrWeak)]
    [InlineData("my leg keeps giving way", RedFlag.WorseningLegWeakness)]
    [InlineData("I think I have foot drop", RedFlag.WorseningLegWeakness)]
    [InlineData("it started after a car accident", RedFlag.SeriousAccidentOrFall)]
    [InlineData("I fell off a ladder yesterday", RedFlag.SeriousAccidentOrFall)]
    [InlineData("I also have chest pain", RedFlag.ChestPain)]
    [InlineData("not sure if I can feel between my legs", RedFlag.SaddleNumbness)]
    [InlineData("no fever, but I can't control my bladder", RedFlag.BladderOrBowel)]
    [InlineData("pins and needles in both feet", RedFlag.BothLegsNumbOrWeak)]
    [InlineData("weakness in my legs", RedFlag.BothLegsNumbOrWeak)]
    [InlineData("my legs feel like jelly", RedFlag.BothLegsNumbOrWeak)]
    [InlineData("I keep tripping because my foot drags", RedFlag.WorseningLegWeakness)]
    [InlineData("I peed myself", RedFlag.BladderOrBowel)]
    [InlineData("numb bum", RedFlag.SaddleNumbness)]
    public void Finds_reported_emergency_signs(string text, RedFlag expected)
    {
        Assert.Contains(expected, Language.Signs.Scan(text).Select(s => s.Sign));
    }

    [Theory]
    [InlineData("no bladder problems")]
    [InlineData("I don't have numbness")]
    [InlineData("no numbness between my legs")]
    [InlineData("I haven't wet myself")]
    [InlineData("never had chest pain")]
    [InlineData("bladder problems? no")]
    [InlineData("there was no accident")]
    [InlineData("my lower back aches when I sit")]
    [InlineData("about 3 weeks")]
    [InlineData("both")]
    [InlineData("my left leg is a bit numb")]
    [InlineData("my leg is weak")]
    [InlineData("no issues with bladder or bowels")]
    [InlineData("I dont have any chest pain")]
    [InlineData("no numbness in the groin area")]
    [InlineData("7")]
    public void Ignores_denials_and_ordinary_answers(string text)
    {
        Assert.DoesNotContain(Language.Signs.Scan(text), s => TriageRules.LevelOf(s.Sign) == Disposition.Emergency);
    }
}

public class CommandReaderTests
{
    [Theory]
    [InlineData("help", Command.Help)]
    [InlineData("Help please", Command.Help)]
    [InlineData("what can you do?", Command.Help)]
    [InlineData("cancel", Command.Cancel)]
    [InlineData("stop", Command.Cancel)]
    [InlineData("start over", Command.StartOver)]
    [InlineData("Restart", Command.StartOver)]
    [InlineData("summary", Command.Summary)]
    [InlineData("show my summary", Command.Summary)]
    [InlineData("delete my data", Command.DeleteMyData)]
    [InlineData("please forget me", Command.DeleteMyData)]
    [InlineData("it helps when I stop", Command.None)]
    [InlineData("stop sign", Command.None)]
    [InlineData("yes", Command.None)]
    public void Reads_commands_only_when_the_message_is_the_command(string text, Command expected)
    {
        Assert.Equal(expected, Language.Commands.Read(text));
    }
}
