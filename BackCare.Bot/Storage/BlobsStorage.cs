using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Storage;

/// <summary>
/// Bot state in Azure Blob Storage, one blob per key, so several bot instances behind a load balancer share
/// it. Same contract as <see cref="SqliteStorage"/>: JSON with type names; an <see cref="IStoreItem"/> with a
/// stale ETag is refused (the blob's own ETag, checked by the service); "*" or no ETag overwrites.
/// </summary>
public sealed class BlobsStorage : IStorage, IStateDocuments, IStatePurge
{
    private readonly BlobContainerClient _container;
    private readonly Lazy<Task> _created;

    /// <summary>Initializes a new instance of the <see cref="BlobsStorage"/> class.</summary>
    /// <param name="container">The container; created on first use when missing.</param>
    public BlobsStorage(BlobContainerClient container)
    {
        _container = container ?? throw new ArgumentNullException(nameof(container));
        _created = new Lazy<Task>(() => _container.CreateIfNotExistsAsync());
    }

    /// <summary>The container, for the turn lock's lease blobs.</summary>
    public BlobContainerClient Container => _container;

    /// <summary>The blob name for a state key: escaped, so any key is a valid name.</summary>
    /// <param name="key">The state key.</param>
    /// <returns>The blob name.</returns>
    public static string BlobName(string key) => "state/" + Uri.EscapeDataString(key);

    /// <inheritdoc/>
    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await _created.Value.ConfigureAwait(false);
        var items = new Dictionary<string, object>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var download = await _container.GetBlobClient(BlobName(key)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                var value = UnreadableStateException.Read(key, download.Value.Content.ToString());
                if (value is IStoreItem item)
                {
                    item.ETag = download.Value.Details.ETag.ToString();
                }

                if (value is not null)
                {
                    items[key] = value;
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Not stored: absent from the result, as with every IStorage.
            }
        }

        return items;
    }

    /// <inheritdoc/>
    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await _created.Value.ConfigureAwait(false);
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(changes));
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
            if (value is IStoreItem { ETag: { Length: > 0 } expected } && expected != "*")
            {
                options.Conditions = new BlobRequestConditions { IfMatch = new ETag(expected) };
            }

            try
            {
                var blob = _container.GetBlobClient(BlobName(key));
                var response = await blob.UploadAsync(BinaryData.FromString(StateJson.Serialize(value)), options, cancellationToken).ConfigureAwait(false);
                if (value is IStoreItem written)
                {
                    written.ETag = response.Value.ETag.ToString();
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                throw new ETagConflictException($"ETag conflict on '{key}': the item was changed since it was read.", ex);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, string>> ReadDocumentsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await _created.Value.ConfigureAwait(false);
        var documents = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var download = await _container.GetBlobClient(BlobName(key)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                documents[key] = download.Value.Content.ToString();
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Not stored: absent from the result.
            }
        }

        return documents;
    }

    /// <inheritdoc/>
    public async Task WriteDocumentsAsync(IReadOnlyDictionary<string, string> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await _created.Value.ConfigureAwait(false);
        foreach (var (key, json) in documents)
        {
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
            await _container.GetBlobClient(BlobName(key)).UploadAsync(BinaryData.FromString(json), options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await _created.Value.ConfigureAwait(false);
        foreach (var key in keys)
        {
            await _container.GetBlobClient(BlobName(key)).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        var deleted = 0;
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "state/", cancellationToken).ConfigureAwait(false))
        {
            if (blob.Properties.LastModified is { } modified && modified < cutoff)
            {
                await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }

        // The turn locks' blobs too (their names hold conversation ids), unless a turn holds one right now.
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, BlobLeaseTurnLock.LockPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Properties.LastModified is { } modified && modified < cutoff && blob.Properties.LeaseState != LeaseState.Leased)
            {
                try
                {
                    await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Leased since it was listed: a turn is running; it goes at a later purge.
                }
            }
        }

        return deleted;
    }
}
