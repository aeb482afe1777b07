using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace BackCare.Bot.Bots;

/// <summary>
/// The ids of the last activities handled in a conversation, kept in the conversation's state so that a channel's
/// retry of an activity is not applied twice, on any instance and after a restart. Bounded: the last
/// <see cref="MaxIds"/> ids, and the replies of only the last <see cref="MaxReplies"/> (a retry comes soon after).
/// Small, since it is written every turn: an id is kept as a 13-character digest of itself (records written
/// before 2026-11-26 keep the id itself, and are still found), and a reply without what the retry puts back
/// (conversation, sender, recipient, channel, service URL, the activity it answers), compressed when it is long.
/// </summary>
public sealed class HandledActivities
{
    /// <summary>How many activity ids are remembered.</summary>
    public const int MaxIds = 50;

    /// <summary>For how many of the latest activities the replies are kept, to return them again to a retry.</summary>
    public const int MaxReplies = 3;

    /// <summary>Gets or sets the handled activities, oldest first.</summary>
    public List<HandledActivity> Items { get; set; } = [];

    /// <summary>The record of an activity id, or <c>null</c> when it has not been handled.</summary>
    /// <param name="activityId">The activity id.</param>
    /// <returns>The record.</returns>
    public HandledActivity? Find(string activityId)
    {
        var key = Key(activityId);
        return Items.LastOrDefault(i => string.Equals(i.Id, key, StringComparison.Ordinal) || string.Equals(i.Id, activityId, StringComparison.Ordinal));
    }

    /// <summary>Records a handled activity and the replies it got (each reply as its JSON).</summary>
    /// <param name="activityId">The activity id.</param>
    /// <param name="replies">The replies.</param>
    public void Record(string activityId, List<string> replies)
    {
        Items.Add(new HandledActivity { Id = Key(activityId), Replies = replies });
        if (Items.Count > MaxIds)
        {
            Items.RemoveRange(0, Items.Count - MaxIds);
        }

        for (var i = 0; i < Items.Count - MaxReplies; i++)
        {
            Items[i].Replies = null;
        }
    }

    /// <summary>
    /// A reply as it is kept: its JSON without the fields a replay takes from the retried activity (the turn
    /// context applies the conversation reference to whatever it sends), without nulls and empty lists.
    /// </summary>
    /// <param name="reply">The reply.</param>
    /// <returns>The JSON.</returns>
    public static string Compact(Activity reply)
    {
        // Written as UTF-8 into a buffer the thread keeps; only what is kept becomes a string.
        var utf8 = _replyBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(8 * 1024);
        utf8.ResetWrittenCount();
        Hosting.JsonText.WriteUtf8(ReplySerializer, reply, utf8);
        var bytes = utf8.WrittenSpan;
        if (bytes.Length <= CompressFrom)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        // A long reply (the advice at the end of a triage, a card) is kept compressed: it is written every turn
        // while it is kept, and read only for a retry. Most replies are the same for everyone (a question, its
        // card, a step of an exercise), and compressing costs more than the rest of keeping them: the latest
        // compressed ones are looked up by their exact JSON first.
        try
        {
            if (RecentlyCompressed.Find(bytes) is { } known)
            {
                return known;
            }

            var compressed = System.Buffers.ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(bytes.Length));
            try
            {
                if (!BrotliEncoder.TryCompress(bytes, compressed, out var written, quality: 5, window: 16))
                {
                    return Encoding.UTF8.GetString(bytes);
                }

                var kept = string.Create(Compressed.Length + (((written + 2) / 3) * 4), (compressed, written), static (text, data) =>
                {
                    Compressed.AsSpan().CopyTo(text);
                    Convert.TryToBase64Chars(data.compressed.AsSpan(0, data.written), text[Compressed.Length..], out _);
                });
                RecentlyCompressed.Add(bytes, kept);
                return kept;
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(compressed);
            }
        }
        finally
        {
            if (utf8.Capacity > 64 * 1024)
            {
                _replyBuffer = null;
            }
        }
    }

    /// <summary>The latest long replies compressed, by their JSON (the same JSON always compresses to the same text).</summary>
    private static readonly CompressedReplies RecentlyCompressed = new();

    /// <summary>Each thread's buffer for a reply's JSON, reused from one reply to the next.</summary>
    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? _replyBuffer;

    /// <summary>A kept reply, to send again.</summary>
    /// <param name="kept">The reply as <see cref="Compact"/> kept it (or whole, as records from before 2026-11-26 keep it).</param>
    /// <returns>The reply.</returns>
    public static Activity Expand(string kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        if (kept.StartsWith(Compressed, StringComparison.Ordinal))
        {
            using var input = new MemoryStream(Convert.FromBase64String(kept[Compressed.Length..]));
            using var brotli = new BrotliStream(input, CompressionMode.Decompress);
            using var reader = new StreamReader(brotli, Encoding.UTF8);
            kept = reader.ReadToEnd();
        }

        return JsonConvert.DeserializeObject<Activity>(kept)!;
    }

    /// <summary>Replies longer than this (bytes of JSON, UTF-8) are kept compressed.</summary>
    private const int CompressFrom = 200;

    private const string Compressed = "br:";

    /// <summary>What an id is kept as: a digest, 72 bits in URL-safe base64 (a different id matching is out of reach).</summary>
    /// <param name="activityId">The activity id (with its timestamp).</param>
    /// <returns>The key.</returns>
    public static string Key(string activityId)
    {
        ArgumentNullException.ThrowIfNull(activityId);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(activityId), digest);
        return "#" + Convert.ToBase64String(digest[..9]).Replace('+', '-').Replace('/', '_');
    }

    private static readonly JsonSerializer ReplySerializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        NullValueHandling = NullValueHandling.Ignore,
        ContractResolver = new WithoutConversationReference(),
    });

    /// <summary>Leaves out of an activity what <c>ApplyConversationReference</c> sets again when it is sent.</summary>
    private sealed class WithoutConversationReference : DefaultContractResolver
    {
        private static readonly HashSet<string> Restored = new(StringComparer.Ordinal) { "serviceUrl", "channelId", "from", "conversation", "recipient", "replyToId" };

        protected override JsonProperty CreateProperty(System.Reflection.MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            if (member.DeclaringType == typeof(Activity) && property.PropertyName is { } name && Restored.Contains(name))
            {
                property.ShouldSerialize = _ => false;
            }
            else if (member.DeclaringType == typeof(Activity) && property.PropertyName is "attachments" or "entities")
            {
                // An empty list says nothing: the replay sends none either way.
                property.ShouldSerialize = activity => property.ValueProvider!.GetValue(activity) is System.Collections.ICollection { Count: > 0 };
            }

            return property;
        }
    }
}

/// <summary>One handled activity.</summary>
public sealed class HandledActivity
{
    /// <summary>Gets or sets the activity's id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the replies it got, as JSON, while they are kept.</summary>
    public List<string>? Replies { get; set; }
}

/// <summary>
/// Long replies' compressed forms by their exact JSON (UTF-8), found without making a key for the lookup. At most
/// <see cref="MaxReplies"/>; when full, it starts again empty (the common replies come back at once).
/// </summary>
internal sealed class CompressedReplies
{
    /// <summary>How many are kept at most.</summary>
    public const int MaxReplies = 512;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<byte[], string> _replies = new(new JsonBytes());
    private readonly System.Collections.Concurrent.ConcurrentDictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _byBytes;
    private int _count;

    public CompressedReplies() => _byBytes = _replies.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The compressed form of this JSON, when it is kept.</summary>
    public string? Find(ReadOnlySpan<byte> json) => _byBytes.TryGetValue(json, out var kept) ? kept : null;

    /// <summary>Keeps the compressed form of this JSON.</summary>
    public void Add(ReadOnlySpan<byte> json, string compressed)
    {
        if (Interlocked.Increment(ref _count) > MaxReplies)
        {
            _replies.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _replies.TryAdd(json.ToArray(), compressed);
    }

    private sealed class JsonBytes : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
