using BackCare.Bot.Proactive;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Proactive;

/// <summary>Reading reminder requests, their times and time zones, and when a day's reminder falls.</summary>
public class ReminderReadingTests
{
    [Theory]
    [InlineData("remind me every day at 7pm", 19, 0)]
    [InlineData("Remind me at 18:30", 18, 30)]
    [InlineData("daily reminder at 7 in the morning", 7, 0)]
    [InlineData("please remind me to do my exercises every day at 6.30pm", 18, 30)]
    [InlineData("can you set a daily reminder for 8am", 8, 0)]
    [InlineData("remind me daily at noon", 12, 0)]
    [InlineData("set a reminder at 21:15 please", 21, 15)]
    public void A_reminder_request_is_a_command_with_its_time(string text, int hour, int minute)
    {
        Assert.Equal(Command.SetReminder, Language.Commands.Read(text));
        Assert.Equal(new TimeOnly(hour, minute), ReminderTimeReader.Read(text).At);
    }

    [Theory]
    [InlineData("remind me")]
    [InlineData("set a daily reminder")]
    public void A_request_without_a_time_is_still_a_reminder_request(string text)
    {
        Assert.Equal(Command.SetReminder, Language.Commands.Read(text));
        var reading = ReminderTimeReader.Read(text);
        Assert.Null(reading.At);
        Assert.False(reading.Ambiguous);
    }

    [Fact]
    public void At_seven_could_be_morning_or_evening()
    {
        var reading = ReminderTimeReader.Read("remind me at 7");

        Assert.Equal(Command.SetReminder, Language.Commands.Read("remind me at 7"));
        Assert.True(reading.Ambiguous);
        Assert.Equal([new TimeOnly(7, 0), new TimeOnly(19, 0)], reading.Choices.Order().ToList());
    }

    [Theory]
    [InlineData("stop reminders")]
    [InlineData("Stop my reminders please")]
    [InlineData("no more reminders")]
    [InlineData("don't remind me anymore")]
    [InlineData("cancel the daily reminder")]
    [InlineData("turn off reminders")]
    public void Stopping_reminders_is_a_command(string text) => Assert.Equal(Command.StopReminders, Language.Commands.Read(text));

    [Theory]
    [InlineData("4")]
    [InlineData("34")]
    [InlineData("I was reminded of my dad's back at 7pm")]
    [InlineData("it started at 7pm yesterday")]
    [InlineData("stop")]
    public void Other_messages_are_not_reminder_commands(string text)
        => Assert.DoesNotContain(Language.Commands.Read(text), new[] { Command.SetReminder, Command.StopReminders });

    [Theory]
    [InlineData("London", "Europe/London")]
    [InlineData("I'm in New York", "America/New_York")]
    [InlineData("europe/paris", "Europe/Paris")]
    [InlineData("UTC+2", "UTC+02:00")]
    [InlineData("GMT-5", "UTC-05:00")]
    [InlineData("+05:30", "UTC+05:30")]
    [InlineData("utc", "UTC")]
    public void A_time_zone_is_read_from_a_city_a_zone_or_an_offset(string text, string zone)
        => Assert.Equal(zone, ReminderZones.FromWords(text));

    [Theory]
    [InlineData("no idea")]
    [InlineData("yes")]
    [InlineData("UTC+25")]
    public void Words_that_name_no_zone_are_not_read_as_one(string text) => Assert.Null(ReminderZones.FromWords(text));

    [Fact]
    public void The_activity_names_the_zone_or_at_least_its_offset()
    {
        var named = new Microsoft.Bot.Schema.Activity { LocalTimezone = "America/Los_Angeles", LocalTimestamp = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(-8)) };
        var offsetOnly = new Microsoft.Bot.Schema.Activity { LocalTimestamp = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(5.5)) };

        Assert.Equal("America/Los_Angeles", ReminderZones.FromTimezoneName(named));
        Assert.Null(ReminderZones.FromTimezoneName(offsetOnly));
        Assert.Equal("UTC+05:30", ReminderZones.FromTimestamp(offsetOnly));
        Assert.Equal(TimeSpan.FromHours(5.5), ReminderZones.Resolve("UTC+05:30")!.BaseUtcOffset);
        Assert.Null(ReminderZones.FromTimestamp(new Microsoft.Bot.Schema.Activity()));
    }

    [Fact]
    public void A_reminder_keeps_its_local_time_across_daylight_saving()
    {
        var london = ReminderZones.Resolve("Europe/London")!;
        var sut = new Reminder { At = "19:00", TimeZone = "Europe/London" };

        // Summer time (UTC+1) until 25 October 2026, winter time (UTC) after.
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 18, 0, 0, TimeSpan.Zero), sut.Occurrence(new DateOnly(2026, 10, 24), london));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 19, 0, 0, TimeSpan.Zero), sut.Occurrence(new DateOnly(2026, 10, 25), london));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 18, 0, 0, TimeSpan.Zero), sut.Occurrence(new DateOnly(2026, 3, 29), london));
    }

    [Fact]
    public void A_time_the_clocks_skip_or_repeat_falls_once()
    {
        var newYork = ReminderZones.Resolve("America/New_York")!;

        // 8 March 2026: 02:00 to 03:00 does not happen; 1 November 2026: 01:00 to 02:00 happens twice.
        var skipped = new Reminder { At = "02:30" }.Occurrence(new DateOnly(2026, 3, 8), newYork);
        var repeated = new Reminder { At = "01:30" }.Occurrence(new DateOnly(2026, 11, 1), newYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 30, 0, TimeSpan.Zero), skipped);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), repeated);
    }
}
