namespace BackCare.Bot.Hosting;

/// <summary>
/// Every line BackCare logs, as source-generated logger messages (no formatting work unless the level is on).
/// None carries what a person said: types, counts, routes and reasons only.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Clinical content loaded: {QuestionCount} triage questions, {ExerciseCount} exercises.")]
    public static partial void ContentLoaded(this ILogger logger, int questionCount, int exerciseCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "************************************************************************\nSECURITY WARNING: MicrosoftAppId is empty in the '{Environment}' environment and\nthe BackCare:AllowUnauthenticated* settings allow it. /api/messages ACCEPTS\nUNAUTHENTICATED TRAFFIC{Where}. Do not expose this host to a network you don't trust.\n************************************************************************")]
    public static partial void UnauthenticatedOutsideLocal(this ILogger logger, string environment, string where);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "MicrosoftAppId is empty: local mode. /api/messages accepts requests without a token, from this machine only (Bot Framework Emulator, local Web Chat).")]
    public static partial void LocalMode(this ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Turn failed in channel {ChannelId} on a {ActivityType} activity: {ExceptionType}\n{StackTrace}")]
    public static partial void TurnFailed(this ILogger logger, string? channelId, string? activityType, string? exceptionType, string? stackTrace);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Could not apologise after a failed turn: {ExceptionType}")]
    public static partial void ApologyFailed(this ILogger logger, string? exceptionType);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Could not process an activity: {ExceptionType}\n{StackTrace}")]
    public static partial void ActivityFailed(this ILogger logger, string? exceptionType, string? stackTrace);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Rejected a request to {Route}: its token was not accepted ({Reason}); {Suppressed} similar rejections not logged since the last line.")]
    public static partial void TokenRejected(this ILogger logger, string route, string reason, int suppressed);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Direct Line refused the token request with {Status}.")]
    public static partial void DirectLineRefused(this ILogger logger, int status);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Direct Line could not be reached: {ExceptionType}.")]
    public static partial void DirectLineUnreachable(this ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Deleted a person's data on request: {Conversations} conversations, {Transcripts} Direct Line transcripts.")]
    public static partial void PersonalDataDeleted(this ILogger logger, int conversations, int transcripts);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Deleted {Count} state items untouched for more than {Days} days.")]
    public static partial void StatePurged(this ILogger logger, int count, int days);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "State purge failed: {ExceptionType}")]
    public static partial void StatePurgeFailed(this ILogger logger, string? exceptionType);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "A {ActivityType} activity already handled in this conversation arrived again; not applied twice.")]
    public static partial void ActivityRepeated(this ILogger logger, string? activityType);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "The {Which} state could not be read ({Reason}); it was reset.")]
    public static partial void StateUnreadable(this ILogger logger, string which, string? reason);

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "An offline Direct Line conversation could not be saved to the store ({ExceptionType}); it is tried again with the next change.")]
    public static partial void DirectLineSaveFailed(this ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "The offline Direct Line signing key in the store could not be read ({ExceptionType}); a new key is used, so earlier tokens are refused.")]
    public static partial void DirectLineSigningKeyReplaced(this ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "A typing indicator could not be sent ({ExceptionType}); the turn goes on without it.")]
    public static partial void TypingNotSent(this ILogger logger, string? exceptionType);

    [LoggerMessage(EventId = 63, Level = LogLevel.Warning, Message = "The store could not be reached at start-up ({ExceptionType}); the first turns will try again.")]
    public static partial void StorePreparationFailed(this ILogger logger, string? exceptionType);

    [LoggerMessage(EventId = 47, Level = LogLevel.Warning, Message = "The progress chart could not be drawn ({ExceptionType}); the progress was sent in words only.")]
    public static partial void ChartFailed(this ILogger logger, string? exceptionType);
    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "A routine timer of {Seconds} seconds started.")]
    public static partial void TimerStarted(this ILogger logger, int seconds);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "A routine timer ended after a newer message (or on another instance's turn): nothing sent.")]
    public static partial void TimerSuperseded(this ILogger logger);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "A routine timer could not say time's up: {ExceptionType}")]
    public static partial void TimerFailed(this ILogger logger, string? exceptionType);

    [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "Sent {Count} reminders.")]
    public static partial void RemindersSent(this ILogger logger, int count);

    [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "A reminder could not be sent: {ExceptionType}")]
    public static partial void ReminderFailed(this ILogger logger, string? exceptionType);

    [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "Checking reminders failed: {ExceptionType}")]
    public static partial void RemindersCheckFailed(this ILogger logger, string? exceptionType);

    [LoggerMessage(EventId = 46, Level = LogLevel.Information, Message = "A reminder missed by more than {GraceMinutes} minutes (the host was down) was skipped.")]
    public static partial void ReminderSkipped(this ILogger logger, int graceMinutes);
}
