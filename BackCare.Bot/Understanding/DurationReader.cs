using System.Globalization;
using System.Text.RegularExpressions;
using BackCare.Bot.Triage;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads how long the pain has lasted: "about 3 weeks", "since last Tuesday", "a couple of months", "on and off
/// for years". Anything that could fall either side of the four-week line ("a few weeks", "more than 3 weeks")
/// is unclear, so the bot asks again rather than choose the less urgent reading. The words are the lexicon's
/// (<see cref="DurationWords"/>); the dates and durations it does not list, the recogniser's.
/// </summary>
public sealed class DurationReader
{
    /// <summary>The English date and time recogniser, built once (it is large) and shared with <see cref="ReminderTimeReader"/>.</summary>
    internal static readonly Lazy<DateTimeModel> Model = new(() =>
        (DateTimeModel)new DateTimeRecognizer(Culture.English, DateTimeOptions.None, lazyInitialization: false).GetDateTimeModel());

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly LanguageLayer _language;
    private readonly DurationWords _words;
    private readonly Regex _plain;
    private readonly Regex _andAHalf;

    /// <summary>Creates the reader over the lexicon's duration words.</summary>
    /// <param name="language">The language layer.</param>
    public DurationReader(LanguageLayer language)
    {
        ArgumentNullException.ThrowIfNull(language);
        _language = language;
        _words = language.Lexicon.Duration;
        var counts = Alternation(_words.Counts.Keys);
        var units = Alternation(_words.Units.Keys);

        // Over the normalised answer, whose words are one space apart.
        _plain = new Regex($"^(?<n>[1-9][0-9]{{0,2}}|{counts}) (?<unit>{units})s?$", RegexOptions.CultureInvariant, MatchTimeout);
        _andAHalf = new Regex($"\\b(?<n>[0-9]{{1,3}}|{counts}) (?<unit>{units})s? (?:{Alternation(_words.AndAHalf)})\\b", RegexOptions.CultureInvariant, MatchTimeout);
    }

    /// <summary>Builds the recogniser's regexes now, off the request path.</summary>
    public void WarmUp() => _ = Read("about 3 weeks", DateTime.UtcNow);

    /// <summary>Reads a duration.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="now">The current time, for answers given as a date ("since Monday").</param>
    /// <returns>The reading.</returns>
    public DurationReading Read(string? text, DateTime now)
    {
        var answer = SpellOutUnits(_language.Normalize(text));
        if (answer.IsEmpty || Matches(_words.Unclear, answer))
        {
            return DurationReading.Unclear;
        }

        // Phrases the recogniser reads too precisely come first, then the recogniser, then the vaguer phrases it does not know.
        var said = answer.Plain;
        var days = DaysOf(_words.BeforeRecognizer, answer) ?? Season(answer, now) ?? AndAHalf(said) ?? Plain(said) ?? FromRecognizer(said, now) ?? DaysOf(_words.AfterRecognizer, answer);
        return days is null ? DurationReading.Unclear : new DurationReading(days);
    }

    private static string Alternation(IEnumerable<string> phrases)
        => string.Join('|', phrases.OrderByDescending(p => p.Length).Select(p => Regex.Escape(p).Replace("\\ ", " ", StringComparison.Ordinal)));

    private static bool Matches(LexiconPattern pattern, Utterance answer) => LanguageLayer.Spans(pattern, answer).Count > 0;

    private static int? DaysOf(IReadOnlyList<(int Days, LexiconPattern Pattern)> phrases, Utterance answer)
    {
        foreach (var (days, pattern) in phrases)
        {
            if (Matches(pattern, answer))
            {
                return days;
            }
        }

        return null;
    }

    /// <summary>Spells out a short unit after a number ("3 d", "2 w") so the patterns and the recogniser know it.</summary>
    private Utterance SpellOutUnits(Utterance answer)
    {
        var tokens = answer.Tokens;
        string[]? spelt = null;
        for (var i = 1; i < tokens.Count; i++)
        {
            if (_words.AfterNumber.TryGetValue(tokens[i], out var unit) && IsNumber(tokens[i - 1]))
            {
                spelt ??= [.. tokens];
                spelt[i] = unit;
            }
        }

        return spelt is null ? answer : _language.Normalize(string.Join(' ', spelt));
    }

    private static bool IsNumber(string token) => token.Length > 0 && token.All(c => char.IsAsciiDigit(c) || c == '.') && char.IsAsciiDigit(token[0]);

    /// <summary>"Since the spring", "since last summer": from the most recent start of that season.</summary>
    private int? Season(Utterance answer, DateTime now)
    {
        foreach (var (month, pattern) in _words.Seasons)
        {
            if (!Matches(pattern, answer))
            {
                continue;
            }

            var start = new DateTime(now.Year, month, 1, 0, 0, 0, DateTimeKind.Utc);
            if (start > now)
            {
                start = start.AddYears(-1);
            }

            return (int)(now.Date - start.Date).TotalDays;
        }

        return null;
    }

    /// <summary>"A month and a half", "2 weeks and a half".</summary>
    private int? AndAHalf(string said)
    {
        var match = _andAHalf.Match(said);
        return match.Success && Count(match.Groups["n"].Value) is int count
            ? (int)Math.Round((count + 0.5) * _words.Units[match.Groups["unit"].Value])
            : null;
    }

    /// <summary>
    /// The most common answer, "5 days", "two weeks", "a month", read as the recogniser reads it, without it: the
    /// recogniser builds dozens of regexes for every message it reads (about a millisecond and 130 KiB).
    /// </summary>
    private int? Plain(string said)
    {
        var match = _plain.Match(said);
        return match.Success && Count(match.Groups["n"].Value) is int count ? count * _words.Units[match.Groups["unit"].Value] : null;
    }

    private int? Count(string n)
        => _words.Counts.TryGetValue(n, out var word) ? word : int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

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
}
