using System.Globalization;
using System.Text;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using Xunit.Abstractions;

namespace BackCare.Bot.Tests.Understanding;

/// <summary>
/// Runs the labelled corpus (Corpus/README.md) through the real language layer: every line is read as the bot
/// reads it at that question, the reading compared with the clinician's label, and recall and false alarms
/// printed per warning sign. Fails on any missed emergency sign, same-day recall under 98%, or false alarms on
/// denials over 2%.
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    private static readonly DateTime Today = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Which sign a yes/no question's lines count for, in the statistics (Corpus/README.md).</summary>
    private static readonly Dictionary<string, RedFlag> QuestionSign = new(StringComparer.Ordinal)
    {
        ["SaddleNumbness"] = RedFlag.SaddleNumbness,
        ["BladderOrBowel"] = RedFlag.BladderOrBowel,
        ["SexualFunction"] = RedFlag.SexualFunction,
        ["BothLegs"] = RedFlag.BothLegsNumbOrWeak,
        ["WorseningWeakness"] = RedFlag.WorseningLegWeakness,
        ["NumbnessWorse"] = RedFlag.WorseningLegWeakness,
        ["AccidentOrFall"] = RedFlag.SeriousAccidentOrFall,
        ["ChestPain"] = RedFlag.ChestPain,
        ["Fever"] = RedFlag.Fever,
        ["WeightLoss"] = RedFlag.WeightLoss,
        ["Rest"] = RedFlag.NoReliefFromRest,
        ["Night"] = RedFlag.WorseAtNight,
        ["SneezeCough"] = RedFlag.SneezeCoughOrPoo,
        ["Numbness"] = RedFlag.OneLegNumbOrWeak,
        ["Cancer"] = RedFlag.CancerHistory,
        ["Lump"] = RedFlag.LumpOrShapeChange,
        ["ImmuneOrDrugs"] = RedFlag.WeakImmuneOrInjectingDrugs,
        ["SpinalProcedure"] = RedFlag.RecentSpinalProcedure,
    };

    public static IReadOnlyList<Line> Corpus { get; } = Load();

    [Fact]
    public void The_corpus_is_wide_enough()
    {
        Assert.True(Corpus.Count >= 800, $"{Corpus.Count} lines");
        var stats = Statistics(Corpus.Select(Read).ToList());
        foreach (var sign in Enum.GetValues<RedFlag>().Where(s => TriageRules.LevelOf(s) >= Disposition.Urgent && s is not (RedFlag.SevereNotEasedByRest or RedFlag.FallWithOsteoporosisOrSteroids)))
        {
            Assert.True(stats.TryGetValue(sign, out var s) && s.Affirmations >= 15 && s.Denials >= 15, $"{sign}: {s.Affirmations} affirmations, {s.Denials} non-affirmations");
        }
    }

    [Fact]
    public void Every_warning_sign_is_heard_and_denials_do_not_alarm()
    {
        var results = Corpus.Select(Read).ToList();
        var stats = Statistics(results);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{"sign",-28} {"level",-9} {"recall",8} {"false alarms",13} {"confirms on denials",20}");
        foreach (var (sign, s) in stats.OrderByDescending(s => TriageRules.LevelOf(s.Key)).ThenBy(s => s.Key))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{sign,-28} {TriageRules.LevelOf(sign),-9} {s.Caught,3}/{s.Affirmations,-3} {Percent(s.Caught, s.Affirmations),6} {s.FalseAlarms,3}/{s.Denials,-3} {Percent(s.FalseAlarms, s.Denials),6} {s.Confirms,8}");
        }

        var exact = results.Count(r => r.Matches);
        report.AppendLine(CultureInfo.InvariantCulture, $"exact agreement with the labels: {exact}/{results.Count} ({Percent(exact, results.Count)})");
        foreach (var miss in results.Where(r => !r.Matches).Take(400))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {(miss.MissedSign is { } m ? $"MISSED {m}" : miss.FalseAlarm is { } f ? $"FALSE {f}" : "differs")}\t{miss.Line.Question}\t{miss.Line.Text}\texpected {miss.Line.Expected}\tread {miss.Reading}");
        }

        output.WriteLine(report.ToString());

        var emergencyMisses = results.Where(r => r.MissedSign is RedFlag s && TriageRules.LevelOf(s) == Disposition.Emergency).ToList();
        Assert.True(emergencyMisses.Count == 0, "Missed emergency signs:\n" + string.Join("\n", emergencyMisses.Select(m => $"{m.Line.Question}: {m.Line.Text} (read {m.Reading})")));

        var urgent = stats.Where(s => TriageRules.LevelOf(s.Key) == Disposition.Urgent).ToList();
        var urgentRecall = (double)urgent.Sum(s => s.Value.Caught) / Math.Max(1, urgent.Sum(s => s.Value.Affirmations));
        Assert.True(urgentRecall >= 0.98, $"Same-day recall {urgentRecall:P1} is under 98%.");

        var falseAlarms = (double)stats.Sum(s => s.Value.FalseAlarms) / Math.Max(1, stats.Sum(s => s.Value.Denials));
        Assert.True(falseAlarms <= 0.02, $"False alarms on denials {falseAlarms:P1} are over 2%.");
    }

    [Fact]
    public void Numbers_durations_ages_legs_and_commands_are_read_as_labelled()
    {
        var kinds = new[] { "Duration", "Severity", "Age", "PainLocation", "LegPain", "LegPainWhich", "BelowKnee", "NumbnessWhich", "routine" };
        var results = Corpus.Where(l => kinds.Contains(l.Question)).Select(Read).ToList();
        var report = new StringBuilder();
        foreach (var group in results.GroupBy(r => r.Line.Question))
        {
            var right = group.Count(r => r.Matches);
            report.AppendLine(CultureInfo.InvariantCulture, $"{group.Key,-14} {right}/{group.Count()} ({Percent(right, group.Count())})");
            foreach (var miss in group.Where(r => !r.Matches))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  {miss.Line.Text}\texpected {miss.Line.Expected}\tread {miss.Reading}");
            }
        }

        output.WriteLine(report.ToString());
        var agreement = (double)results.Count(r => r.Matches) / results.Count;
        Assert.True(agreement >= 0.9, $"Only {agreement:P1} of numbers, durations, ages, legs and commands agree with the labels.\n{report}");
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture);

    private static Result Read(Line line)
    {
        var reading = Reading(line.Question, line.Text);
        var alternatives = line.Expected.Split('|');
        var matches = alternatives.Any(a => Agrees(a, reading));
        var result = new Result(line, reading, matches);

        // Which sign the line is about, and whether it is an affirmation of it (every alternative agrees).
        var signsExpected = alternatives.Select(SignsOf).ToList();
        var signsRead = SignsOf(reading);
        if (QuestionSign.TryGetValue(line.Question, out var sign) && !line.Question.Equals("any", StringComparison.Ordinal))
        {
            var warning = line.Question == "Rest" ? "no" : "yes";
            var safe = line.Question == "Rest" ? "yes" : "no";
            var answer = reading.Split(';')[0];
            if (alternatives.All(a => a.Split(';')[0] is "notsure" or "confirm" || a.Split(';')[0] == warning))
            {
                var caught = answer is "notsure" or "confirm" || answer == warning || answer == "unclear";
                return result with { About = sign, Affirmation = true, MissedSign = caught ? null : sign };
            }

            if (alternatives.All(a => a.Split(';')[0] == safe))
            {
                var alarm = answer is "notsure" || answer == warning;
                return result with { About = sign, Affirmation = false, FalseAlarm = alarm ? sign : null, Confirmed = answer == "confirm" };
            }

            return result;
        }

        if (line.Question is "any" or "routine" or "carryOn" or "EmergencyScreen" or "SameDayScreen")
        {
            var caughtAny = line.Question.EndsWith("Screen", StringComparison.Ordinal) && reading is "some" or "notsure" or "confirm";
            var always = signsExpected.Aggregate((IEnumerable<RedFlag>?)null, (acc, s) => acc is null ? s : acc.Intersect(s))?.ToList() ?? [];
            var union = signsExpected.SelectMany(s => s).Distinct().ToList();
            var missed = union.Count > 0 && !matches && !caughtAny && !union.Intersect(signsRead).Any() ? union.First() : (RedFlag?)null;
            var extra = signsRead.Except(union).Where(s => TriageRules.LevelOf(s) >= Disposition.Urgent).ToList();
            return result with
            {
                AboutAll = always,
                MissedSign = missed,
                FalseAlarm = extra.Count > 0 ? extra[0] : null,
                FalseAlarms = extra,
                Tag = line.Tag,
            };
        }

        return result;
    }

    private static List<RedFlag> SignsOf(string reading)
        => reading.StartsWith("signs:", StringComparison.Ordinal)
            ? [.. reading[6..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.Parse<RedFlag>(s.Trim()))]
            : [];

    private static bool Agrees(string expected, string reading)
    {
        if (expected.StartsWith("days:", StringComparison.Ordinal) || expected.StartsWith("score:", StringComparison.Ordinal))
        {
            var colon = expected.IndexOf(':', StringComparison.Ordinal);
            var prefix = expected[..(colon + 1)];
            if (!reading.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }

            var value = int.Parse(reading[prefix.Length..], CultureInfo.InvariantCulture);
            var range = expected[prefix.Length..].Split('-');
            var low = int.Parse(range[0], CultureInfo.InvariantCulture);
            var high = range.Length == 1 ? low : range[1].Length == 0 ? int.MaxValue : int.Parse(range[1], CultureInfo.InvariantCulture);
            return value >= low && value <= high;
        }

        if (expected.StartsWith("signs:", StringComparison.Ordinal))
        {
            return SignsOf(expected).ToHashSet().SetEquals(SignsOf(reading));
        }

        if (expected.Contains(';', StringComparison.Ordinal) || reading.Contains(';', StringComparison.Ordinal))
        {
            // Leg answers: the parts the label gives must agree.
            var read = reading.Split(';');
            return expected.Split(';').All(part => part == read[0] || read.Contains(part));
        }

        return expected == reading;
    }

    /// <summary>What the bot reads in a line, in the corpus's label grammar.</summary>
    private static string Reading(string question, string text)
    {
        switch (question)
        {
            case "any":
                return SignsLabel(Language.Signs.Scan(text));
            case "routine":
                var signs = Language.Signs.Scan(text);
                return signs.Count > 0 ? SignsLabel(signs) : $"cmd:{Language.Commands.ReadRoutine(text)}";
            case "carryOn":
                var found = Language.Signs.Scan(text);
                if (found.Count > 0)
                {
                    return SignsLabel(found);
                }

                var carryOn = Language.Answers.Read(text, Listening.SomethingNew);
                return carryOn.Confirm ? "confirm" : Label(carryOn.Answer);
        }

        var id = Enum.Parse<QuestionId>(question);
        var row = TriageQuestions.ById(id);
        var reply = Language.Replies.Read(id, text, Today);
        if (reply is null)
        {
            return "unclear";
        }

        return row.Kind switch
        {
            QuestionKind.Checklist => reply.Checklist switch
            {
                ChecklistAnswer.None => "none",
                ChecklistAnswer.Some => reply.Answer == Answer.NotSure ? "notsure" : "some",
                // Items named without saying which of a line's signs are asked on their own: "some" for those.
                _ => reply.Signs!.Count == 0 ? "some" : $"signs:{string.Join(',', reply.Signs!.Keys)}",
            },
            QuestionKind.Age => $"age:{reply.Age}",
            QuestionKind.Location => $"location:{reply.Site}",
            QuestionKind.Duration => $"days:{reply.Number}",
            QuestionKind.Severity => $"score:{reply.Number}",
            QuestionKind.WhichLegs => $"legs:{reply.Legs.ToString()!.ToLowerInvariant()}",
            QuestionKind.LegSymptom => (reply.NeedsConfirmation ? "confirm" : Label(reply.Answer))
                + (reply.Legs is Legs legs ? $";legs={legs.ToString().ToLowerInvariant()}" : string.Empty)
                + (reply.BelowKnee is Answer below ? $";below={Label(below)}" : string.Empty),
            _ => reply.NeedsConfirmation ? "confirm" : Label(reply.Answer),
        };
    }

    private static string SignsLabel(IReadOnlyList<(RedFlag Sign, Answer Answer)> signs) => signs.Count == 0 ? "none" : $"signs:{string.Join(',', signs.Select(s => s.Sign))}";

    private static string Label(Answer? answer) => answer switch
    {
        Answer.Yes => "yes",
        Answer.No => "no",
        Answer.NotSure => "notsure",
        _ => "unclear",
    };

    private static Dictionary<RedFlag, SignStats> Statistics(List<Result> results)
    {
        var stats = new Dictionary<RedFlag, SignStats>();
        SignStats For(RedFlag sign) => stats.TryGetValue(sign, out var s) ? s : stats[sign] = new SignStats();
        foreach (var result in results)
        {
            if (result.About is RedFlag about)
            {
                var s = For(about);
                if (result.Affirmation)
                {
                    s.Affirmations++;
                    s.Caught += result.MissedSign is null ? 1 : 0;
                }
                else
                {
                    s.Denials++;
                    s.FalseAlarms += result.FalseAlarm is null ? 0 : 1;
                    s.Confirms += result.Confirmed ? 1 : 0;
                }

                continue;
            }

            foreach (var sign in result.AboutAll)
            {
                var s = For(sign);
                s.Affirmations++;
                s.Caught += result.MissedSign is null ? 1 : 0;
            }

            // A line tagged with a sign that does not expect it is a non-affirmation of that sign.
            if (result.Tag is RedFlag tag && !result.AboutAll.Contains(tag) && result.Line.Question == "any")
            {
                var s = For(tag);
                s.Denials++;
                s.FalseAlarms += result.FalseAlarms.Contains(tag) ? 1 : 0;
            }

            foreach (var extra in result.FalseAlarms.Where(e => e != result.Tag))
            {
                // A sign read where nobody mentioned it: a false alarm against that sign, on a line that denies it.
                var s = For(extra);
                s.Denials++;
                s.FalseAlarms++;
            }
        }

        return stats;
    }

    private static List<Line> Load()
    {
        var folder = Path.Combine(SolutionPaths.Root, "BackCare.Bot.Tests", "Understanding", "Corpus");
        var lines = new List<Line>();
        foreach (var file in Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal))
        {
            RedFlag? tag = null;
            foreach (var raw in File.ReadLines(file))
            {
                if (raw.StartsWith('#'))
                {
                    var open = raw.IndexOf('[', StringComparison.Ordinal);
                    var close = raw.IndexOf(']', StringComparison.Ordinal);
                    tag = open >= 0 && close > open && Enum.TryParse<RedFlag>(raw[(open + 1)..close], out var flag) ? flag : raw.StartsWith("# ----", StringComparison.Ordinal) ? null : tag;
                    continue;
                }

                if (raw.Trim().Length == 0)
                {
                    continue;
                }

                var columns = raw.Split('\t');
                if (columns.Length != 3)
                {
                    throw new InvalidDataException($"{Path.GetFileName(file)}: a line without three columns: {raw}");
                }

                lines.Add(new Line(Path.GetFileName(file), columns[0], columns[1], columns[2], tag));
            }
        }

        return lines;
    }

    public sealed record Line(string File, string Question, string Text, string Expected, RedFlag? Tag);

    private sealed record Result(Line Line, string Reading, bool Matches)
    {
        public RedFlag? About { get; init; }

        public bool Affirmation { get; init; }

        public RedFlag? MissedSign { get; init; }

        public RedFlag? FalseAlarm { get; init; }

        public bool Confirmed { get; init; }

        public IReadOnlyList<RedFlag> AboutAll { get; init; } = [];

        public IReadOnlyList<RedFlag> FalseAlarms { get; init; } = [];

        public RedFlag? Tag { get; init; }
    }

    private sealed class SignStats
    {
        public int Affirmations { get; set; }

        public int Caught { get; set; }

        public int Denials { get; set; }

        public int FalseAlarms { get; set; }

        public int Confirms { get; set; }
    }
}
