namespace BackCare.Bot.Storage;

/// <summary>
/// The documents a store wrote lately in this process, each with the ETag it was written under. A read that finds
/// the same ETag stored (an ETag is made new for every write, here or in any other process) compares the stored
/// bytes with this text and, when they are the same, takes the text from here rather than decoding the row into
/// a new string (a row changed some other way, by hand or by damage, is read as it is). These are mostly the texts
/// <see cref="DocumentState"/> keeps for the conversations' next turns (the same strings, not copies): at most
/// <see cref="MaxDocuments"/>, and one written more than <see cref="DocumentState.KeptFor"/> ago is not used
/// (and goes at the next sweep, at most once a minute while documents are written: see <see cref="Hosting.CountedMap{TValue}.LetOldGo"/>).
/// </summary>
public sealed class WrittenDocuments
{
    /// <summary>The most documents remembered; beyond it, the older half go.</summary>
    public const int MaxDocuments = DocumentState.MaxKept;

    private static readonly long KeptForMs = (long)DocumentState.KeptFor.TotalMilliseconds;

    private readonly Hosting.CountedMap<Written> _written = new();

    /// <summary>Remembers a document once it is stored.</summary>
    /// <param name="key">The key.</param>
    /// <param name="etag">The ETag it was stored under.</param>
    /// <param name="json">The text stored.</param>
    public void Remember(string key, string etag, string json)
    {
        var now = Environment.TickCount64;
        _written.LetOldGo(static w => w.At, now, KeptForMs, MaxDocuments);
        _written.Set(key, new Written(etag, json, now));
    }

    /// <summary>The text stored under this ETag, when this process wrote it lately (to compare with the row).</summary>
    /// <param name="key">The key.</param>
    /// <param name="storedETag">The ETag the store holds now.</param>
    /// <returns>The text, or <c>null</c>: then decode what the store holds.</returns>
    public string? Find(string key, string storedETag)
        => _written.TryGet(key, out var written) && string.Equals(written.ETag, storedETag, StringComparison.Ordinal) && Environment.TickCount64 - written.At < KeptForMs
            ? written.Json
            : null;

    /// <summary>Forgets documents (deleted, or written some other way).</summary>
    /// <param name="keys">The keys.</param>
    public void Forget(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            _written.TryRemove(key, out _);
        }
    }

    /// <summary>Forgets every document.</summary>
    public void Clear() => _written.Clear();

    private sealed record Written(string ETag, string Json, long At);
}
