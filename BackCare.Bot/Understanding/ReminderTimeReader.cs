using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads the time of day in a reminder request ("every day at 7pm", "at 18:30", "at 7 in the morning", "noon")
/// with Microsoft.Recognizers.Text, and gives the message without it, so the rest can be matched against the
/// lexicon's reminder commands (the recogniser's own spans are too greedy for that: it reads "daily reminder at
/// 7" as one expression, so the time is taken out by the plain forms of a clock time). "At 7" could be morning
/// or evening: that is ambiguous, and the bot asks.
/// </summary>
public static partial class ReminderTimeReader
{
    /// <summary>Reads a message.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The reading; <see cref="ReminderTimeReading.Rest"/> is the message without the time.</returns>
    public static ReminderTimeReading Read(string? text)
    {
        var said = (text ?? string.Empty).Trim().ToLowerInvariant().Replace('’', '\'');
        if (said.Length == 0 || !said.Any(char.IsDigit) && !NamedTime().IsMatch(said))
        {
            return new ReminderTimeReading(null, [], said);
        }

        var rest = Dangling().Replace(Spaces().Replace(DayPart().Replace(ClockTime().Replace(said, " "), " "), " ").Trim(), string.Empty).Trim();
        List<ModelResult> results;
        try
        {
            results = DurationReader.Model.Value.Parse(said, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or RegexMatchTimeoutException)
        {
            return new ReminderTimeReading(null, [], rest);
        }

        var times = new List<TimeOnly>();
        foreach (var result in results)
        {
            if (result.Resolution?["values"] is not List<Dictionary<string, string>> values)
            {
                continue;
            }

            var found = values.Select(v => v.TryGetValue("timex", out var timex) ? TimeOf(timex) : null).OfType<TimeOnly>().Distinct().ToList();
            if (found.Count == 0)
            {
                continue;
            }

            times.AddRange(found);
        }

        times = [.. times.Distinct()];
        return times.Count == 1 ? new ReminderTimeReading(times[0], [], rest) : new ReminderTimeReading(null, times, rest);
    }

    /// <summary>The time of day in a TIMEX value ("T19", "T18:30", "XXXX-WXX-1T07:15").</summary>
    private static TimeOnly? TimeOf(string timex)
    {
        var match = Timex().Match(timex);
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        return hour is >= 0 and < 24 && minute is >= 0 and < 60 ? new TimeOnly(hour, minute) : null;
    }

    [GeneratedRegex(@"T(?<h>\d{2})(?::(?<m>\d{2}))?(?::\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Timex();

    [GeneratedRegex(@"\b(noon|midday|midnight)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NamedTime();

    /// <summary>A clock time with the word before it: "at 7pm", "for 18:30", "around 6.30 p.m.", "@ 9", "noon".</summary>
    [GeneratedRegex(@"(?:\b(?:at|for|around|about|by|from)\s+|@\s*)?(?:\b\d{1,2}(?:[:.h]\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?|o\s?'?clock\b|hrs\b|hours\b|h\b)?|\b(?:noon|midday|midnight)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    /// <summary>The part of the day said with a time: "in the morning", "at night".</summary>
    [GeneratedRegex(@"\b(?:in the (?:morning|afternoon|evening)|at night|tonight)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DayPart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Words left hanging where the time was taken out: "remind me at", "at around".</summary>
    [GeneratedRegex(@"(\s|^)(at|for|around|about|by|from|on|@)(\s+(at|around|about))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dangling();
}

/// <summary>A time of day read from a reminder request.</summary>
/// <param name="At">The time, when exactly one was read.</param>
/// <param name="Choices">The readings, when the time could be either of them ("at 7": 07:00 or 19:00).</param>
/// <param name="Rest">The message without the time.</param>
public sealed record ReminderTimeReading(TimeOnly? At, IReadOnlyList<TimeOnly> Choices, string Rest)
{
    /// <summary>Gets a value indicating whether a time was said but could be more than one.</summary>
    public bool Ambiguous => At is null && Choices.Count > 1;
}
