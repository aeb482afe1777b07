using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace BackCare.Bot.Storage;

/// <summary>
/// One turn per conversation at a time across every bot instance that shares a Blob container: each turn holds
/// a lease on the conversation's lock blob. Turns in this process queue up first, so they do not compete for
/// the lease with each other.
/// </summary>
/// <param name="container">The container shared by the instances.</param>
public sealed class BlobLeaseTurnLock(BlobContainerClient container) : ITurnLock
{
    /// <summary>How long a lease lasts if an instance dies holding it (the service allows 15–60 s).</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>How long a turn waits for another instance's turn to end.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(45);

    private readonly InProcessTurnLock _local = new();
    private readonly ConcurrentDictionary<string, Hold> _held = new(StringComparer.Ordinal);

    /// <summary>The lock blob's name for a conversation.</summary>
    /// <param name="conversationKey">The conversation.</param>
    /// <returns>The blob name.</returns>
    public static string BlobName(string conversationKey) => LockPrefix + Uri.EscapeDataString(conversationKey);

    /// <summary>The folder of the lock blobs.</summary>
    public const string LockPrefix = "locks/";

    /// <inheritdoc/>
    public async Task<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var local = await _local.AcquireAsync(conversationKey, cancellationToken).ConfigureAwait(false);
        try
        {
            var blob = container.GetBlobClient(BlobName(conversationKey));
            await EnsureExistsAsync(blob, cancellationToken).ConfigureAwait(false);
            var lease = blob.GetBlobLeaseClient();
            var deadline = DateTime.UtcNow + MaxWait;
            var delay = TimeSpan.FromMilliseconds(20);
            while (true)
            {
                try
                {
                    await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
                    var hold = new Hold(blob, lease, local, () => _held.TryRemove(conversationKey, out _));
                    _held[conversationKey] = hold;
                    return hold;
                }
                catch (RequestFailedException ex) when (ex.Status == 409 && DateTime.UtcNow < deadline)
                {
                    // Another instance is in a turn of this conversation: wait a little and try again.
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
                }
            }
        }
        catch
        {
            await local.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task ForgetAsync(string conversationKey, CancellationToken cancellationToken)
    {
        if (_held.TryGetValue(conversationKey, out var hold))
        {
            // This turn holds the lease: the blob goes when the turn ends.
            hold.DeleteOnRelease = true;
            return;
        }

        try
        {
            await container.DeleteBlobIfExistsAsync(BlobName(conversationKey), DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another instance is in a turn of that conversation right now: the retention purge removes the blob later.
        }
    }

    private static async Task EnsureExistsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.FromString(string.Empty), overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already there (perhaps leased by another instance right now): that is all we need.
        }
    }

    private sealed class Hold(BlobClient blob, BlobLeaseClient lease, IAsyncDisposable local, Action forget) : IAsyncDisposable
    {
        public bool DeleteOnRelease { get; set; }

        public async ValueTask DisposeAsync()
        {
            forget();
            try
            {
                if (DeleteOnRelease)
                {
                    // Deleting with the lease id ends the lease too.
                    await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { LeaseId = lease.LeaseId }).ConfigureAwait(false);
                }
                else
                {
                    await lease.ReleaseAsync().ConfigureAwait(false);
                }
            }
            catch (RequestFailedException)
            {
                // The lease expired on its own; the next turn can take it.
            }
            finally
            {
                await local.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
