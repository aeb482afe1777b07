using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads the time of day in a reminder request ("every day at 7pm", "at 18:30", "at 7 in the morning", "noon")
/// with Microsoft.Recognizers.Text, and gives the message without it, so the rest can be matched against the
/// lexicon's reminder commands. "At 7" could be morning or evening: that is ambiguous, and the bot asks.
/// </summary>
public static partial class ReminderTimeReader
{
    private static readonly Lazy<DateTimeModel> Model = new(() =>
        (DateTimeModel)new DateTimeRecognizer(Culture.English, DateTimeOptions.None, lazyInitialization: false).GetDateTimeModel());

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

        List<ModelResult> results;
        try
        {
            results = Model.Value.Parse(said, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or RegexMatchTimeoutException)
        {
            return new ReminderTimeReading(null, [], said);
        }

        var times = new List<TimeOnly>();
        var rest = said;
        foreach (var result in results.OrderByDescending(r => r.Start))
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
            rest = rest.Remove(result.Start, result.End - result.Start + 1).Insert(result.Start, " ");
        }

        times = [.. times.Distinct()];
        rest = Dangling().Replace(Spaces().Replace(rest, " ").Trim(), string.Empty).Trim();
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
