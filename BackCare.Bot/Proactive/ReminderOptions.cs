using System.ComponentModel.DataAnnotations;

namespace BackCare.Bot.Proactive;

/// <summary>How the daily reminders are sent: read by <see cref="ReminderService"/>.</summary>
public sealed class ReminderOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BackCare:Reminders";

    /// <summary>Gets or sets how often, in seconds, the schedule is checked for reminders due. Default 60.</summary>
    [Display(Name = Section + ":" + nameof(PollSeconds))]
    [Range(5, 3600, ErrorMessage = "{0} must be from {1} to {2} seconds.")]
    public int PollSeconds { get; set; } = 60;

    /// <summary>
    /// Gets or sets how late, in minutes, a reminder may still be sent when it was missed (the host was down at its
    /// time): after that the day's reminder is skipped. Default 120.
    /// </summary>
    [Display(Name = Section + ":" + nameof(MissedGraceMinutes))]
    [Range(1, 720, ErrorMessage = "{0} must be from {1} to {2} minutes.")]
    public int MissedGraceMinutes { get; set; } = 120;
}
