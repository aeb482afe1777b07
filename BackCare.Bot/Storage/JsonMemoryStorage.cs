using System.Globalization;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Storage;

/// <summary>
/// Bot state in this process's memory (the Memory provider: tests and trials; a restart loses it), kept as the JSON
/// text the other stores write (<see cref="StateJson"/>), so each item is serialized once per write and read
/// straight back into its types, where the SDK's MemoryStorage builds a JObject on every write and copies every
/// item out of one on every read. ETags behave as the SDK's MemoryStorage's: each write of an
/// <see cref="IStoreItem"/> gives it a new ETag (kept with the stored item, not set on the object written); a
/// write whose ETag is neither "*" nor the stored item's is refused with an <see cref="ETagConflictException"/>
/// (an <see cref="ArgumentException"/>, as the SDK throws) when the stored item has an ETag; other values are
/// written over. A write with a conflict writes none of its items. A null value removes the item.
/// </summary>
public sealed class JsonMemoryStorage : IStorage, IStateDocuments
{
    private readonly Dictionary<string, Stored> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _etag;

    /// <inheritdoc/>
    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new List<(string Key, Stored Item)>(keys.Length);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_items.TryGetValue(key, out var stored))
                {
                    found.Add((key, stored));
                }
            }
        }

        // Each read gives new objects, read from the text outside the lock: nobody shares the stored state.
        var items = new Dictionary<string, object>(found.Count);
        foreach (var (key, stored) in found)
        {
            if (UnreadableStateException.Read(key, stored.Json) is not { } value)
            {
                continue;
            }

            if (stored.ETag is not null && value is IStoreItem item)
            {
                item.ETag = stored.ETag;
            }

            items[key] = value;
        }

        return Task.FromResult<IDictionary<string, object>>(items);
    }

    /// <inheritdoc/>
    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return Task.CompletedTask;
        }

        // The JSON is written before the lock; what the values hold at this moment is what is kept.
        var rows = new List<(string Key, object? Value, string? Json)>(changes.Count);
        foreach (var (key, value) in changes)
        {
            rows.Add((key, value, value is null ? null : StateJson.Serialize(value)));
        }

        lock (_gate)
        {
            foreach (var (key, value, _) in rows)
            {
                if (value is IStoreItem item && item.ETag != "*"
                    && _items.TryGetValue(key, out var current) && current.ETag is not null && item.ETag != current.ETag)
                {
                    throw new ETagConflictException(key);
                }
            }

            foreach (var (key, value, json) in rows)
            {
                if (json is null)
                {
                    _items.Remove(key);
                    continue;
                }

                var etag = value is IStoreItem ? (++_etag).ToString(CultureInfo.InvariantCulture) : null;
                _items[key] = new Stored(json, etag);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, string>> ReadDocumentsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var documents = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_items.TryGetValue(key, out var stored))
                {
                    documents[key] = stored.Json;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(documents);
    }

    /// <inheritdoc/>
    public Task WriteDocumentsAsync(IReadOnlyDictionary<string, string> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        lock (_gate)
        {
            foreach (var (key, json) in documents)
            {
                _items[key] = new Stored(json, ETag: null);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _items.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A stored item: its JSON and, for an <see cref="IStoreItem"/>, its ETag.</summary>
    private sealed record Stored(string Json, string? ETag);
}
