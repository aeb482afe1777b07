using System.Globalization;
using BackCare.Bot.Bots;
using BackCare.Bot.Content;
using BackCare.Bot.Understanding;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Proactive;

/// <summary>
/// What "remind me every day at 7pm" and "stop reminders" do in a conversation: read the time, find the person's
/// time zone (the activity's <c>localTimezone</c>; else one they named before; else the offset of its
/// <c>localTimestamp</c>; else ask them), store the reminder with the conversation's reference
/// (<see cref="ReminderSchedule"/>), and say so. The person's profile keeps the time and the zone they named.
/// </summary>
/// <param name="schedule">The reminders.</param>
/// <param name="userProfile">The person's profile.</param>
/// <param name="text">The bot's words.</param>
/// <param name="clock">The clock.</param>
public sealed class ReminderConversation(ReminderSchedule schedule, IStatePropertyAccessor<UserProfile> userProfile, BotText text, TimeProvider clock)
{
    /// <summary>Sets a reminder from a request, or asks what is missing (the time, or the time zone).</summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="data">The session.</param>
    /// <param name="request">What the person typed.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public async Task SetAsync(ITurnContext turnContext, ConversationData data, string request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        var time = ReminderTimeReader.Read(request);
        if (time.Ambiguous)
        {
            var choices = time.Choices.Order().ToList();
            await SayAsync(turnContext, text.Format("reminder.whichTime", ("morning", Show(choices[0])), ("evening", Show(choices[^1]))), cancellationToken);
            return;
        }

        if (time.At is not TimeOnly at)
        {
            await SayAsync(turnContext, text["reminder.whatTime"], cancellationToken);
            return;
        }

        var profile = await userProfile.GetAsync(turnContext, () => new UserProfile(), cancellationToken);
        var zone = ReminderZones.FromTimezoneName(turnContext.Activity) ?? profile.ReminderZone ?? ReminderZones.FromTimestamp(turnContext.Activity);
        if (zone is null)
        {
            data.AskReminderZone(Show(at));
            await SayAsync(turnContext, text.Format("reminder.askZone", ("time", Show(at))), cancellationToken);
            return;
        }

        await SaveAsync(turnContext, profile, Show(at), zone, cancellationToken);
    }

    /// <summary>Reads the answer to "which time zone are you in?", when that was just asked.</summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="data">The session.</param>
    /// <param name="answer">What the person typed.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns><c>true</c> when the message named a zone and the reminder is set; <c>false</c> when nothing was asked, or the message is something else (then it goes on as usual).</returns>
    public async Task<bool> AnswerZoneAsync(ITurnContext turnContext, ConversationData data, string answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        if (data.TakeReminderAwaitingZone() is not { } at)
        {
            return false;
        }

        if (ReminderZones.FromWords(answer) is not { } zone)
        {
            await SayAsync(turnContext, text.Format("reminder.zoneNotUnderstood", ("time", at)), cancellationToken);
            return false;
        }

        var profile = await userProfile.GetAsync(turnContext, () => new UserProfile(), cancellationToken);
        await SaveAsync(turnContext, profile, at, zone, cancellationToken);
        return true;
    }

    /// <summary>Stops the person's reminders.</summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public async Task StopAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var had = await schedule.RemoveAsync(activity.ChannelId, activity.From.Id, cancellationToken);
        (await userProfile.GetAsync(turnContext, () => new UserProfile(), cancellationToken)).StopReminder();
        await SayAsync(turnContext, text[had ? "reminder.stopped" : "reminder.none"], cancellationToken);
    }

    private static string Show(TimeOnly time) => time.ToString(Reminder.TimeFormat, CultureInfo.InvariantCulture);

    private static async Task SayAsync(ITurnContext turnContext, string words, CancellationToken cancellationToken)
        => await turnContext.SendActivityAsync(words, cancellationToken: cancellationToken);

    private async Task SaveAsync(ITurnContext turnContext, UserProfile profile, string at, string zone, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var reminder = new Reminder
        {
            At = at,
            TimeZone = zone,
            Conversation = activity.GetConversationReference(),
            CreatedUtc = clock.GetUtcNow(),
        };
        await schedule.SetAsync(activity.ChannelId, activity.From.Id, reminder, cancellationToken);
        profile.SetReminder(at, zone);
        await SayAsync(turnContext, text.Format("reminder.set", ("time", at), ("zone", zone)), cancellationToken);
    }
}
