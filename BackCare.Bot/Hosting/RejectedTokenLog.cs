namespace BackCare.Bot.Hosting;

/// <summary>
/// Logs rejected tokens as one short line each (no stack), at most <see cref="LinesPerMinute"/> lines a minute:
/// the rest are counted and the count is reported with the next line, so junk traffic cannot flood the log.
/// </summary>
/// <param name="clock">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class RejectedTokenLog(TimeProvider clock, ILogger<RejectedTokenLog> logger)
{
    /// <summary>How many lines a minute at most.</summary>
    public const int LinesPerMinute = 5;

    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _linesInWindow;
    private int _suppressed;

    /// <summary>Records one rejection.</summary>
    /// <param name="route">The route, for the line.</param>
    /// <param name="reason">The failure's type name (never the token, never the message, which can quote input).</param>
    public void Rejected(string route, string reason)
    {
        int suppressed;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (now - _windowStart >= TimeSpan.FromMinutes(1))
            {
                _windowStart = now;
                _linesInWindow = 0;
            }

            if (_linesInWindow >= LinesPerMinute)
            {
                _suppressed++;
                return;
            }

            _linesInWindow++;
            suppressed = _suppressed;
            _suppressed = 0;
        }

        logger.TokenRejected(route, reason, suppressed);
    }
}
