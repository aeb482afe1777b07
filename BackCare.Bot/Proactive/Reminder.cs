using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Proactive;

/// <summary>
/// One person's daily reminder, a document of its own in the store (see <see cref="ReminderSchedule"/>): the local
/// time, the time zone, the conversation to send it into, and the last day it was sent, which is also how one
/// instance claims a day's reminder (written with the ETag it was read with: a second instance's write fails).
/// </summary>
public sealed class Reminder : IStoreItem
{
    /// <summary>The format of <see cref="At"/>.</summary>
    public const string TimeFormat = "HH:mm";

    /// <summary>The format of <see cref="LastSentDay"/>.</summary>
    public const string DayFormat = "yyyy-MM-dd";

    /// <summary>Gets or sets the local time of day, "19:00".</summary>
    public string At { get; set; } = "19:00";

    /// <summary>Gets or sets the time zone: an IANA id ("Europe/London") or a fixed offset ("UTC+05:30"), see <see cref="ReminderZones"/>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets the conversation the reminder is sent into.</summary>
    public ConversationReference? Conversation { get; set; }

    /// <summary>Gets or sets when the reminder was set: no day's reminder before that is due.</summary>
    public DateTimeOffset CreatedUtc { get; set; }

    /// <summary>Gets or sets the local day ("2026-11-26") whose reminder was last sent (claimed), or <c>null</c>.</summary>
    public string? LastSentDay { get; set; }

    /// <inheritdoc/>
    public string ETag { get; set; } = "*";

    /// <summary>Gets the local time of day.</summary>
    /// <returns>The time.</returns>
    public TimeOnly LocalTime() => TimeOnly.ParseExact(At, TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// When the reminder of a local day falls, in UTC. On the day clocks go forward, a time that does not exist
    /// (02:30 in the skipped hour) is moved on by the gap; on the day they go back, a time that happens twice is the first.
    /// </summary>
    /// <param name="day">The local day.</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>The instant.</returns>
    public DateTimeOffset Occurrence(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(LocalTime(), DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Skipped by the clocks going forward: the same wall time after the change.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            var after = zone.GetUtcOffset(local.AddHours(3));
            local = local.Add(after - before);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}

/// <summary>Who has a reminder: the keys of the reminder documents, which the store cannot list itself.</summary>
public sealed class ReminderIndex : IStoreItem
{
    /// <summary>Gets the reminder documents' keys.</summary>
    public List<string> Keys { get; init; } = [];

    /// <summary>Gets or sets when the index was last written (rewritten now and then so the retention purge keeps it).</summary>
    public DateTimeOffset Touched { get; set; }

    /// <inheritdoc/>
    public string ETag { get; set; } = "*";
}
