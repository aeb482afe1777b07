using System.Collections.Concurrent;

namespace BackCare.Bot.Storage;

/// <summary>
/// The documents a store wrote lately in this process, each with the ETag it was written under. A read that finds
/// the same ETag stored takes the text from here rather than decoding it again: an ETag is made new for every
/// write (here or in any other process), so the same ETag means the same text. These are the texts that
/// <see cref="DocumentState"/> keeps for the conversations' next turns (the same strings, not copies), held as
/// long: at most <see cref="MaxDocuments"/>, for <see cref="DocumentState.KeptFor"/>.
/// </summary>
public sealed class WrittenDocuments
{
    /// <summary>The most documents remembered; beyond it, the ones written before the last minutes go.</summary>
    public const int MaxDocuments = DocumentState.MaxKept;

    private static readonly long KeptForMs = (long)DocumentState.KeptFor.TotalMilliseconds;

    private readonly ConcurrentDictionary<string, Written> _written = new(StringComparer.Ordinal);
    private long _count;
    private long _swept = Environment.TickCount64;

    /// <summary>Remembers a document once it is stored.</summary>
    /// <param name="key">The key.</param>
    /// <param name="etag">The ETag it was stored under.</param>
    /// <param name="json">The text stored.</param>
    public void Remember(string key, string etag, string json)
    {
        var now = Environment.TickCount64;
        var written = new Written(etag, json, now);
        if (_written.TryAdd(key, written))
        {
            if (Interlocked.Increment(ref _count) > MaxDocuments)
            {
                Sweep(now, all: true);
            }
        }
        else
        {
            _written[key] = written;
        }

        // Now and then (at most once a minute), what was written too long ago goes.
        var last = Interlocked.Read(ref _swept);
        if (now - last > 60_000 && Interlocked.CompareExchange(ref _swept, now, last) == last)
        {
            Sweep(now, all: false);
        }
    }

    /// <summary>The text stored under this ETag, when this process wrote it lately.</summary>
    /// <param name="key">The key.</param>
    /// <param name="storedETag">The ETag the store holds now.</param>
    /// <returns>The text, or <c>null</c>: then decode what the store holds.</returns>
    public string? Find(string key, string storedETag)
        => _written.TryGetValue(key, out var written) && string.Equals(written.ETag, storedETag, StringComparison.Ordinal) ? written.Json : null;

    /// <summary>Forgets documents (deleted, or written some other way).</summary>
    /// <param name="keys">The keys.</param>
    public void Forget(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (_written.TryRemove(key, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>Forgets every document.</summary>
    public void Clear()
    {
        _written.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    /// <summary>Lets the documents written before <see cref="DocumentState.KeptFor"/> go; when still too many, all.</summary>
    private void Sweep(long now, bool all)
    {
        foreach (var (key, written) in _written)
        {
            if (now - written.At >= KeptForMs && _written.TryRemove(key, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }

        if (all && Interlocked.Read(ref _count) > MaxDocuments)
        {
            Clear();
        }
    }

    private sealed record Written(string ETag, string Json, long At);
}
