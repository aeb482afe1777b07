using System.Globalization;
using System.Text.RegularExpressions;
using BackCare.Bot.Triage;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads how long the pain has lasted: "about 3 weeks", "since last Tuesday", "a couple of months", "on and off
/// for years". Anything that could fall either side of the four-week line ("a few weeks", "more than 3 weeks")
/// is unclear, so the bot asks again rather than choose the less urgent reading.
/// </summary>
/// <param name="language">The language layer.</param>
public sealed partial class DurationReader(LanguageLayer language)
{
    /// <summary>The English date and time recogniser, built once (it is large) and shared with <see cref="ReminderTimeReader"/>.</summary>
    internal static readonly Lazy<DateTimeModel> Model = new(() =>
        (DateTimeModel)new DateTimeRecognizer(Culture.English, DateTimeOptions.None, lazyInitialization: false).GetDateTimeModel());

    /// <summary>Where each season starts (month), for "since the spring"; the northern hemisphere's.</summary>
    private static readonly Dictionary<string, int> SeasonStarts = new(StringComparer.Ordinal) { ["spring"] = 3, ["summer"] = 6, ["autumn"] = 9, ["fall"] = 9, ["winter"] = 12 };

    /// <summary>Builds the recogniser's regexes now, off the request path.</summary>
    public void WarmUp() => _ = Read("about 3 weeks", DateTime.UtcNow);

    /// <summary>Reads a duration.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="now">The current time, for answers given as a date ("since Monday").</param>
    /// <returns>The reading.</returns>
    public DurationReading Read(string? text, DateTime now)
    {
        var said = Abbreviations(language.Normalize(text).Plain);
        if (said.Length == 0)
        {
            return DurationReading.Unclear;
        }

        if (StraddlesFourWeeks().IsMatch(said))
        {
            return DurationReading.Unclear;
        }

        // Phrases the recogniser reads too precisely come first, then the recogniser, then the vaguer phrases it does not know.
        var days = BeforeRecognizer(said) ?? Season(said, now) ?? AndAHalf(said) ?? Plain(said) ?? FromRecognizer(said, now) ?? AfterRecognizer(said);
        if (days is not null)
        {
            return new DurationReading(days);
        }

        return DurationReading.Unclear;
    }

    /// <summary>Spells out "3 wks", "2 mths", "1 yr" so the recogniser knows them.</summary>
    private static string Abbreviations(string said) => Unit().Replace(said, m => m.Groups["unit"].Value switch
    {
        "d" or "dy" or "dys" => "days",
        "wk" or "wks" or "w" => "weeks",
        "mth" or "mths" or "mo" or "mos" or "mnth" or "mnths" => "months",
        "yr" or "yrs" or "y" => "years",
        "hr" or "hrs" => "hours",
        _ => m.Groups["unit"].Value,
    } is var unit ? $"{m.Groups["n"].Value} {unit}" : m.Value);

    [GeneratedRegex(@"(?<n>\b\d+)\s*(?<unit>d|dys?|wks?|w|mths?|mos?|mnths?|yrs?|y|hrs?)\b")]
    private static partial Regex Unit();

    /// <summary>"Since the spring", "since last summer": from the most recent start of that season.</summary>
    private static int? Season(string said, DateTime now)
    {
        var match = SeasonPattern().Match(said);
        if (!match.Success)
        {
            return null;
        }

        var month = SeasonStarts[match.Groups["season"].Value];
        var start = new DateTime(now.Year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        if (start > now)
        {
            start = start.AddYears(-1);
        }

        return (int)(now.Date - start.Date).TotalDays;
    }

    /// <summary>"A month and a half", "2 weeks and a half".</summary>
    private static int? AndAHalf(string said)
    {
        var match = HalfPattern().Match(said);
        if (!match.Success)
        {
            return null;
        }

        var count = match.Groups["n"].Value is "a" or "an" or "one" ? 1 : int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value switch { "day" => 1, "week" => 7, "month" => 30, _ => 365 };
        return (int)Math.Round((count + 0.5) * unit);
    }

    /// <summary>Days per unit, as the recogniser counts them (a test holds the two to the same answers).</summary>
    private static readonly Dictionary<string, int> DaysPerUnit = new(StringComparer.Ordinal) { ["day"] = 1, ["week"] = 7, ["month"] = 30, ["year"] = 365 };

    /// <summary>Number words a plain answer may use.</summary>
    private static readonly Dictionary<string, int> Counts = new(StringComparer.Ordinal)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
    };

    /// <summary>
    /// The most common answer, "5 days", "two weeks", "a month", read as the recogniser reads it, without it: the
    /// recogniser builds dozens of regexes for every message it reads (about a millisecond and 130 KiB).
    /// </summary>
    private static int? Plain(string said)
    {
        var match = PlainPattern().Match(said);
        if (!match.Success)
        {
            return null;
        }

        var n = match.Groups["n"].Value;
        var count = Counts.TryGetValue(n, out var word) ? word : int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture);
        return count * DaysPerUnit[match.Groups["unit"].Value];
    }

    [GeneratedRegex(@"^(?<n>[1-9]\d{0,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?<unit>day|week|month|year)s?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPattern();

    [GeneratedRegex(@"\b(since|from|in|during|over|around)\s+(the\s+)?(last\s+|this\s+|early\s+|late\s+)?(?<season>spring|summer|autumn|fall|winter)\b")]
    private static partial Regex SeasonPattern();

    [GeneratedRegex(@"\b(?<n>a|an|one|\d+)\s+(?<unit>day|week|month|year)s?\s+and\s+a\s+half\b")]
    private static partial Regex HalfPattern();

    private static int? BeforeRecognizer(string said)
    {
        if (FewDays().IsMatch(said))
        {
            return 4;
        }

        if (Fortnight().IsMatch(said))
        {
            return 14;
        }

        return FewMonths().IsMatch(said) ? 90 : null;
    }

    private static int? AfterRecognizer(string said)
    {
        if (Years().IsMatch(said))
        {
            return 365;
        }

        if (LongTime().IsMatch(said))
        {
            return 180;
        }

        if (Today().IsMatch(said))
        {
            return 0;
        }

        return Yesterday().IsMatch(said) ? 1 : null;
    }

    /// <summary>The recogniser's reading of a normalised answer on its own, in days (for checking the readings that skip it).</summary>
    /// <param name="said">The answer, as <see cref="Read"/> passes it on (normalised, units spelt out).</param>
    /// <param name="now">The current time.</param>
    /// <returns>The days, or <c>null</c>.</returns>
    public static int? RecognizerDays(string said, DateTime now) => FromRecognizer(said, now);

    private static int? FromRecognizer(string said, DateTime now)
    {
        List<ModelResult> results;
        try
        {
            results = Model.Value.Parse(said, now);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or RegexMatchTimeoutException)
        {
            return null;
        }

        var longest = (int?)null;
        foreach (var result in results)
        {
            if (result.Resolution?["values"] is not List<Dictionary<string, string>> values || values.Count == 0)
            {
                continue;
            }

            var days = result.TypeName switch
            {
                "datetimeV2.duration" => FromDuration(values[0]),
                "datetimeV2.date" or "datetimeV2.datetime" => FromPastPoint(values, "value", now),
                "datetimeV2.daterange" or "datetimeV2.datetimerange" => FromPastPoint(values, "start", now),
                _ => null,
            };

            if (days is int d)
            {
                // "more than three weeks" may be four weeks or more: ask again rather than read it as three.
                if (values[0].TryGetValue("Mod", out var mod) && mod is "more" or "after" && d < TriageRules.LongLastingFromDays && d * 2 >= TriageRules.LongLastingFromDays)
                {
                    return null;
                }

                longest = Math.Max(longest ?? 0, d);
            }
        }

        return longest;
    }

    private static int? FromDuration(Dictionary<string, string> value)
        => value.TryGetValue("value", out var seconds) && double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
            ? (int)Math.Ceiling(s / 86400)
            : null;

    private static int? FromPastPoint(List<Dictionary<string, string>> values, string key, DateTime now)
    {
        // Ambiguous dates come with a past and a future reading; the pain started in the past.
        var starts = values
            .Select(v => v.TryGetValue(key, out var raw) && DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ? start : (DateTime?)null)
            .Where(start => start is not null)
            .Select(start => start!.Value)
            .ToList();
        var past = starts.Where(start => start.Date <= now.Date).OrderByDescending(start => start).FirstOrDefault();
        if (past == default && starts.Count > 0 && values.Any(v => v.TryGetValue("timex", out var timex) && timex.Contains("-W", StringComparison.Ordinal)))
        {
            // "since the weekend" is read as the coming weekend: the one before is meant.
            past = starts.Min().AddDays(-7);
        }

        return past == default || past.Date > now.Date ? null : (int)(now.Date - past.Date).TotalDays;
    }

    [GeneratedRegex(@"\b(a\s+)?(few|several|some|couple\s+of\s+or\s+three|three\s+or\s+four|3\s+or\s+4|3-4|3\s+to\s+4)\s+weeks\b|\b(about|around|nearly|almost)\s+(a\s+month|4\s+weeks|four\s+weeks)\b")]
    private static partial Regex StraddlesFourWeeks();

    [GeneratedRegex(@"\b(years|a\s+year|ages|decades?|since\s+i\s+was\s+(young|a\s+kid|a\s+child|a\s+teenager)|as\s+long\s+as\s+i\s+can\s+remember|forever|all\s+my\s+life|my\s+whole\s+life)\b")]
    private static partial Regex Years();

    [GeneratedRegex(@"\b(a\s+long\s+time|long\s+time|many\s+months|months\s+and\s+months|months)\b")]
    private static partial Regex LongTime();

    [GeneratedRegex(@"\b(today|this\s+morning|this\s+afternoon|this\s+evening|tonight|just\s+now|just\s+started|only\s+just|an\s+hour\s+ago|a\s+few\s+hours|(\d+|a\s+couple\s+of|few|some)\s+hours?)\b")]
    private static partial Regex Today();

    [GeneratedRegex(@"\b(yesterday|last\s+night|since\s+last\s+night)\b")]
    private static partial Regex Yesterday();

    [GeneratedRegex(@"\b(a\s+)?(few|couple\s+of|couple|several)\s+days\b")]
    private static partial Regex FewDays();

    [GeneratedRegex(@"\b(a\s+)?fortnight\b")]
    private static partial Regex Fortnight();

    [GeneratedRegex(@"\b(a\s+)?(few|several)\s+months\b")]
    private static partial Regex FewMonths();
}
