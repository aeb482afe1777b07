using BackCare.Bot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Storage;

/// <summary>
/// Deletes state that nobody has touched for <see cref="StorageOptions.RetentionDays"/> days: at start-up, then
/// every <see cref="StorageOptions.PurgeIntervalMinutes"/> minutes. Does nothing when retention is 0.
/// </summary>
public sealed class StatePurgeService(IStorage storage, IOptions<StorageOptions> options, TimeProvider clock, ILogger<StatePurgeService> logger) : BackgroundService
{
    /// <summary>Deletes what is past retention now.</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>How many items were deleted.</returns>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        if (days <= 0 || storage is not IStatePurge purge)
        {
            return 0;
        }

        var deleted = await purge.PurgeOlderThanAsync(clock.GetUtcNow().AddDays(-days), cancellationToken);
        if (deleted > 0)
        {
            logger.StatePurged(deleted, days);
        }

        return deleted;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, options.Value.PurgeIntervalMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.StatePurgeFailed(ex.GetType().FullName);
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
}
