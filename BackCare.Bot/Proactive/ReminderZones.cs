using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Proactive;

/// <summary>
/// Time zones for reminders, kept as text: an IANA id ("Europe/London", which follows daylight saving) or a
/// fixed offset ("UTC+05:30", which does not). Read from the activity (<c>localTimezone</c>, else the offset of
/// <c>localTimestamp</c>) or from what the person says: a zone id, a city the time zone database names
/// ("London", "New York", "São Paulo" as "Sao Paulo"), or "UTC+2" / "GMT-5" / "+05:30".
/// </summary>
public static partial class ReminderZones
{
    /// <summary>The zone for UTC.</summary>
    public const string Utc = "UTC";

    private static readonly Lazy<Dictionary<string, string>> ByCity = new(() =>
    {
        var cities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            if (!zone.Id.Contains('/', StringComparison.Ordinal) || zone.Id.StartsWith("Etc/", StringComparison.Ordinal))
            {
                continue;
            }

            cities.TryAdd(zone.Id, zone.Id);
            cities.TryAdd(zone.Id[(zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' '), zone.Id);
        }

        return cities;
    });

    /// <summary>The zone the activity names in <c>localTimezone</c> (IANA, as Web Chat and Teams send it), or <c>null</c>.</summary>
    /// <param name="activity">The activity.</param>
    /// <returns>The zone, as text.</returns>
    public static string? FromTimezoneName(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity is Activity { LocalTimezone: { Length: > 0 } named } ? Find(named) : null;
    }

    /// <summary>The fixed offset of the activity's <c>localTimestamp</c> (it does not follow daylight saving), or <c>null</c>.</summary>
    /// <param name="activity">The activity.</param>
    /// <returns>The zone, as text.</returns>
    public static string? FromTimestamp(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.LocalTimestamp is { } stamp ? OffsetZone(stamp.Offset) : null;
    }

    /// <summary>A zone said in words, or <c>null</c>.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The zone, as text.</returns>
    public static string? FromWords(string? text)
    {
        var said = Spaces().Replace((text ?? string.Empty).Trim().Trim('.', '!', '?').Trim(), " ");
        if (said.Length is 0 or > 100)
        {
            return null;
        }

        var offset = Offset().Match(said);
        if (offset.Success)
        {
            if (!offset.Groups["h"].Success)
            {
                return Utc;
            }

            var hours = int.Parse(offset.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = offset.Groups["m"].Success ? int.Parse(offset.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes >= 60)
            {
                return null;
            }

            var span = new TimeSpan(hours, minutes, 0);
            return OffsetZone(offset.Groups["sign"].Value == "-" ? -span : span);
        }

        // A zone id or a city, anywhere in the message ("I'm in New York"): the longest run of words that names one.
        var words = said.Split(' ');
        for (var length = Math.Min(4, words.Length); length > 0; length--)
        {
            for (var start = 0; start + length <= words.Length; start++)
            {
                var candidate = string.Join(' ', words, start, length).Trim(',', '.', '!', '?');
                if (Find(candidate) is { } zone)
                {
                    return zone;
                }
            }
        }

        return null;
    }

    /// <summary>Resolves a stored zone.</summary>
    /// <param name="zone">The zone, as text.</param>
    /// <returns>The zone, or <c>null</c> when this machine does not know it.</returns>
    public static TimeZoneInfo? Resolve(string? zone)
    {
        if (string.IsNullOrEmpty(zone))
        {
            return null;
        }

        if (zone == Utc)
        {
            return TimeZoneInfo.Utc;
        }

        var fixedOffset = StoredOffset().Match(zone);
        if (fixedOffset.Success)
        {
            var span = new TimeSpan(int.Parse(fixedOffset.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(fixedOffset.Groups["m"].Value, CultureInfo.InvariantCulture), 0);
            return TimeZoneInfo.CreateCustomTimeZone(zone, fixedOffset.Groups["sign"].Value == "-" ? -span : span, zone, zone);
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : null;
    }

    private static string? Find(string name)
    {
        if (name.Length < 3)
        {
            return null;
        }

        if (ByCity.Value.TryGetValue(name.Replace('_', ' '), out var id) || ByCity.Value.TryGetValue(name, out id))
        {
            return id;
        }

        return name.Contains('/', StringComparison.Ordinal) && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId ? zone.Id : null;
    }

    private static string OffsetZone(TimeSpan offset)
        => offset == TimeSpan.Zero ? Utc : string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}");

    [GeneratedRegex(@"^(?:(?:utc|gmt|z)\s*)?(?:(?<sign>[+-])\s*(?<h>\d{1,2})(?::?(?<m>\d{2}))?)?$|^(?:utc|gmt)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Offset();

    [GeneratedRegex(@"^UTC(?<sign>[+-])(?<h>\d{2}):(?<m>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredOffset();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
