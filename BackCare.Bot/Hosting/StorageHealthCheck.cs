using Microsoft.Bot.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BackCare.Bot.Hosting;

/// <summary>Ready when the state store answers a read within a few seconds.</summary>
/// <param name="storage">The state store.</param>
public sealed class StorageHealthCheck(IStorage storage) : IHealthCheck
{
    private static readonly string[] ProbeKey = ["backcare/healthz-probe"];

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await storage.ReadAsync(ProbeKey, timeout.Token);
            return HealthCheckResult.Healthy("Storage answered.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy($"Storage did not answer ({ex.GetType().Name}).");
        }
    }
}
