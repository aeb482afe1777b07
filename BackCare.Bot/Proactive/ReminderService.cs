using System.Globalization;
using BackCare.Bot.Bots;
using BackCare.Bot.Content;
using BackCare.Bot.Hosting;
using BackCare.Bot.Triage;
using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Proactive;

/// <summary>
/// Sends each daily reminder once, at its local time (daylight saving included, see <see cref="Reminder.Occurrence"/>):
/// every <see cref="ReminderOptions.PollSeconds"/> seconds, and once at start-up, it reads the schedule and, for a
/// reminder due and not yet sent that day, claims the day on the reminder's document with its ETag before sending,
/// so with several instances over one store only the one whose claim was written sends it. A reminder missed
/// while no instance ran is sent late if it is at most <see cref="ReminderOptions.MissedGraceMinutes"/> minutes
/// late, and otherwise skipped for that day. A claimed reminder whose sending fails is not sent again that day:
/// never twice matters more than never missed.
/// </summary>
/// <param name="schedule">The reminders.</param>
/// <param name="services">The services, for the adapter: built on first use, so that a start refused for its settings is refused by the start-up checks, which name them.</param>
/// <param name="messenger">Sends into a stored conversation.</param>
/// <param name="text">The bot's words.</param>
/// <param name="options">The settings.</param>
/// <param name="clock">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class ReminderService(
    ReminderSchedule schedule,
    IServiceProvider services,
    ProactiveMessenger messenger,
    BotText text,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderService> logger) : BackgroundService
{
    /// <summary>Sends the reminders due now.</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>How many this instance sent.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var grace = TimeSpan.FromMinutes(options.Value.MissedGraceMinutes);
        var sent = 0;
        foreach (var key in await schedule.KeysAsync(now, cancellationToken))
        {
            try
            {
                if (await SendIfDueAsync(key, now, grace, cancellationToken))
                {
                    sent++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.ReminderFailed(ex.GetType().FullName);
            }
        }

        if (sent > 0)
        {
            logger.RemindersSent(sent);
        }

        return sent;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.RemindersCheckFailed(ex.GetType().FullName);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> SendIfDueAsync(string key, DateTimeOffset now, TimeSpan grace, CancellationToken cancellationToken)
    {
        var reminder = await schedule.ReadAsync(key, cancellationToken);
        if (reminder?.Conversation is not { } conversation || ReminderZones.Resolve(reminder.TimeZone) is not { } zone)
        {
            return false;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        foreach (var day in new[] { today.AddDays(-1), today })
        {
            var dayText = day.ToString(Reminder.DayFormat, CultureInfo.InvariantCulture);
            var due = reminder.Occurrence(day, zone);
            if (string.CompareOrdinal(reminder.LastSentDay, dayText) >= 0 || now < due || due < reminder.CreatedUtc)
            {
                continue;
            }

            if (!await schedule.ClaimAsync(key, reminder, dayText, cancellationToken))
            {
                // Another instance has it (or the person changed it just now).
                return false;
            }

            if (now - due > grace)
            {
                // Missed while no instance ran, and too late now: that day's is skipped (the claim records it).
                logger.ReminderSkipped(options.Value.MissedGraceMinutes);
                reminder = await schedule.ReadAsync(key, cancellationToken);
                if (reminder is null)
                {
                    return false;
                }

                continue;
            }

            var buttons = new List<Choice> { new(text["button.startOver"]) };
            var sent = false;
            await messenger.ContinueAsync(
                services.GetRequiredService<AdapterWithErrorHandler>(),
                conversation,
                async (turnContext, ct) =>
                {
                    // After an emergency or urgent result the invitation to "today's gentle routine" is not sent: that
                    // result stands until the person starts over (checked under the turn lock, on the stored state).
                    var data = await services.GetRequiredService<IStatePropertyAccessor<ConversationData>>().GetAsync(turnContext, () => new ConversationData(), ct);
                    if (data.Outcome?.Level is Disposition.Emergency or Disposition.Urgent)
                    {
                        return;
                    }

                    await turnContext.SendActivityAsync(ChoiceFactory.ForChannel(turnContext.Activity.ChannelId, buttons, text["reminder.message"]), ct);
                    sent = true;
                },
                cancellationToken);
            return sent;
        }

        return false;
    }
}
