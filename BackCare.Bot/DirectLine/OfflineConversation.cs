using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace BackCare.Bot.DirectLine;

/// <summary>
/// One conversation of the offline Direct Line endpoint: the user its tokens were issued to, and a bounded
/// transcript. When the transcript holds more activities or bytes than allowed, the oldest are dropped; the
/// watermark keeps counting, so a client that polls never sees an activity twice. The conversation is kept in the
/// store (see <see cref="StoredConversation"/>): its transcript in chunks of <see cref="ChunkSize"/> activities,
/// so adding activities rewrites only the newest chunk and the conversation's small record; the changes since
/// the last save are tracked here and taken by <see cref="TakeChanges"/>.
/// </summary>
public sealed class OfflineConversation
{
    /// <summary>How many activities one stored chunk of the transcript holds (by sequence number).</summary>
    public const int ChunkSize = 16;

    /// <summary>How activities are written (as Direct Line gives them: no nulls, ISO dates).</summary>
    internal static readonly JsonSerializerSettings ActivityJson = new() { NullValueHandling = NullValueHandling.Ignore, DateFormatHandling = DateFormatHandling.IsoDateFormat };

    private readonly LinkedList<Entry> _activities = new();
    private readonly HashSet<int> _dirtyChunks = [];
    private readonly List<string> _deadKeys = [];
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _maxActivities;
    private readonly int _maxBytes;
    private int _next;
    private long _bytes;
    private int _generation;

    /// <summary>Initializes a new instance of the <see cref="OfflineConversation"/> class.</summary>
    /// <param name="id">The conversation id.</param>
    /// <param name="userId">The user the conversation's tokens belong to.</param>
    /// <param name="maxActivities">The most activities kept.</param>
    /// <param name="maxBytes">The most bytes kept.</param>
    public OfflineConversation(string id, string userId, int maxActivities, int maxBytes)
    {
        Id = id;
        UserId = userId;
        _maxActivities = Math.Max(1, maxActivities);
        _maxBytes = Math.Max(1, maxBytes);
    }

    /// <summary>Gets the conversation id.</summary>
    public string Id { get; }

    /// <summary>Gets the gate its saves pass one at a time (see <see cref="OfflineDirectLine.SaveAsync"/>): it goes with the conversation, in memory or not.</summary>
    internal SemaphoreSlim SaveGate { get; } = new(1, 1);

    /// <summary>Gets or sets a value indicating whether the conversation has ended (its tokens all expired, its keys deleted): never written back.</summary>
    internal bool Ended
    {
        get => Volatile.Read(ref _ended);
        set => Volatile.Write(ref _ended, value);
    }

    private bool _ended;

    /// <summary>Gets the user id carried by the conversation's tokens: every activity the client posts is from this user.</summary>
    public string UserId { get; }

    /// <summary>Gets or sets when the newest token expires.</summary>
    public DateTimeOffset Expires { get; set; }

    /// <summary>Gets or sets a number that grows with every use, for least-recently-used eviction.</summary>
    public long LastUsed { get; set; }

    /// <summary>Gets or sets a value indicating whether the client has started the conversation.</summary>
    public bool Started { get; set; }

    /// <summary>Gets or sets the serial number of the newest token (tokens carry theirs; older ones are superseded).</summary>
    public int TokenSerial { get; set; }

    /// <summary>Gets the superseded tokens still honoured, by serial, until when (a refresh's grace period).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<int, DateTimeOffset> Superseded { get; } = new();

    /// <summary>Gets the store key of the conversation's record.</summary>
    public string Key => KeyOf(Id);

    /// <summary>Gets how many activities the transcript holds.</summary>
    public int Count
    {
        get
        {
            lock (_activities)
            {
                return _activities.Count;
            }
        }
    }

    /// <summary>Gets how many bytes the transcript holds.</summary>
    public long Bytes
    {
        get
        {
            lock (_activities)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Gets a task that completes when activities are next added (take it before reading, then wait on it).</summary>
    public Task Appended
    {
        get
        {
            lock (_activities)
            {
                return _appended.Task;
            }
        }
    }

    /// <summary>Gets the watermark after the newest activity: what a client that has seen everything holds.</summary>
    public int Watermark
    {
        get
        {
            lock (_activities)
            {
                return _next;
            }
        }
    }

    /// <summary>The store key of a conversation's record.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(string conversationId) => $"directline/conversations/{conversationId}";

    /// <summary>Adds activities, giving each its server id (conversation id and sequence number), and drops the oldest beyond the caps.</summary>
    /// <param name="activities">The activities.</param>
    public void Append(IEnumerable<Activity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        lock (_activities)
        {
            foreach (var activity in activities)
            {
                var sequence = _next++;
                activity.Id = IdOf(sequence);
                Add(sequence, JsonConvert.SerializeObject(activity, ActivityJson), activity.From?.Role == RoleTypes.User);
            }

            DropBeyondCaps();
            var appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            appended.TrySetResult();
        }
    }

    /// <summary>The activities after <paramref name="watermark"/>, and the new watermark.</summary>
    /// <param name="watermark">The client's watermark.</param>
    /// <returns>The activities and the watermark to send next time.</returns>
    public (List<Activity> Activities, int Watermark) Since(int watermark)
    {
        List<string> json;
        int next;
        lock (_activities)
        {
            json = _activities.Where(a => a.Sequence >= watermark).Select(a => a.Json).ToList();
            next = _next;
        }

        return (json.ConvertAll(j => JsonConvert.DeserializeObject<Activity>(j, ActivityJson)!), next);
    }

    /// <summary>Whether every activity after <paramref name="watermark"/> is the person's own (a poll then waits for the answer).</summary>
    /// <param name="watermark">The client's watermark.</param>
    /// <returns><c>true</c> when there are activities after the watermark and all are the user's.</returns>
    public bool OnlyUsersSince(int watermark)
    {
        lock (_activities)
        {
            var after = _activities.Where(a => a.Sequence >= watermark).ToList();
            return after.Count > 0 && after.TrueForAll(a => a.FromUser);
        }
    }

    /// <summary>Removes every activity from the transcript except the one with <paramref name="keepId"/> ("delete my data").</summary>
    /// <param name="keepId">The server id of an activity to keep (the request being answered), or <c>null</c>.</param>
    public void Clear(string? keepId)
    {
        lock (_activities)
        {
            // Everything stored so far goes (the next save deletes it); what is kept is written afresh under a new
            // generation of keys, so no stored row is ever rewritten in place with the erased text still in it.
            _deadKeys.AddRange(ChunkKeys());
            _dirtyChunks.Clear();
            _generation++;
            var node = _activities.First;
            while (node is not null)
            {
                var following = node.Next;
                if (!string.Equals(IdOf(node.Value.Sequence), keepId, StringComparison.Ordinal))
                {
                    _bytes -= node.Value.Bytes;
                    _activities.Remove(node);
                }
                else
                {
                    _dirtyChunks.Add(node.Value.Sequence / ChunkSize);
                }

                node = following;
            }
        }
    }

    /// <summary>Every store key the conversation has: its record and its transcript's chunks (for deleting it).</summary>
    /// <returns>The keys.</returns>
    public string[] AllKeys()
    {
        lock (_activities)
        {
            return [Key, .. ChunkKeys(), .. _deadKeys];
        }
    }

    /// <summary>
    /// What changed since the last call, to save: the conversation's record and its changed chunks (to write),
    /// and chunks no longer needed (to delete after the write). Taken changes are forgotten here; give them back
    /// with <see cref="SaveFailed"/> if they could not be saved.
    /// </summary>
    /// <returns>The writes and the deletions.</returns>
    public (Dictionary<string, object> Writes, string[] Deletes) TakeChanges()
    {
        lock (_activities)
        {
            var writes = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [Key] = new StoredConversation
                {
                    Id = Id,
                    UserId = UserId,
                    Expires = Expires,
                    Started = Started,
                    TokenSerial = TokenSerial,
                    Superseded = new Dictionary<int, DateTimeOffset>(Superseded),
                    First = First,
                    Next = _next,
                    Generation = _generation,
                },
            };
            foreach (var chunk in _dirtyChunks)
            {
                var activities = _activities.Where(a => a.Sequence / ChunkSize == chunk).Select(a => a.Json).ToList();
                if (activities.Count > 0)
                {
                    writes[ChunkKey(_generation, chunk)] = new StoredTranscriptChunk { Activities = activities };
                }
            }

            var deletes = _deadKeys.Where(k => !writes.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToArray();
            _dirtyChunks.Clear();
            _deadKeys.Clear();
            return (writes, deletes);
        }
    }

    /// <summary>Marks everything as changed again after a save failed, so the next save writes it all.</summary>
    /// <param name="deletes">The deletions that were not done.</param>
    public void SaveFailed(IEnumerable<string> deletes)
    {
        lock (_activities)
        {
            _deadKeys.AddRange(deletes);
            foreach (var activity in _activities)
            {
                _dirtyChunks.Add(activity.Sequence / ChunkSize);
            }
        }
    }

    /// <summary>The store keys of the chunks a stored conversation's transcript may be in.</summary>
    /// <param name="stored">The conversation's record.</param>
    /// <returns>The keys.</returns>
    public static string[] ChunkKeysOf(StoredConversation stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Next <= stored.First)
        {
            return [];
        }

        var first = Math.Max(0, stored.First) / ChunkSize;
        var last = (stored.Next - 1) / ChunkSize;
        return Enumerable.Range(first, last - first + 1).Select(c => $"{KeyOf(stored.Id)}/t{stored.Generation}/{c}").ToArray();
    }

    /// <summary>A conversation as it was stored, with the chunks of its transcript that were found (a missing one is skipped).</summary>
    /// <param name="stored">The conversation's record.</param>
    /// <param name="chunks">The chunks, by key.</param>
    /// <param name="maxActivities">The most activities kept.</param>
    /// <param name="maxBytes">The most bytes kept.</param>
    /// <returns>The conversation.</returns>
    public static OfflineConversation Restore(StoredConversation stored, IDictionary<string, object> chunks, int maxActivities, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(chunks);
        var conversation = new OfflineConversation(stored.Id, stored.UserId, maxActivities, maxBytes)
        {
            Expires = stored.Expires,
            Started = stored.Started,
            TokenSerial = stored.TokenSerial,
        };
        foreach (var (serial, until) in stored.Superseded)
        {
            conversation.Superseded[serial] = until;
        }

        conversation._next = stored.Next;
        conversation._generation = stored.Generation;
        var restored = new SortedDictionary<int, (string Json, bool FromUser)>();
        foreach (var key in ChunkKeysOf(stored))
        {
            if (chunks.TryGetValue(key, out var value) && value is StoredTranscriptChunk chunk)
            {
                foreach (var json in chunk.Activities)
                {
                    var activity = JsonConvert.DeserializeObject<Activity>(json, ActivityJson);
                    if (activity?.Id is { } id && id.StartsWith(stored.Id + "|", StringComparison.Ordinal)
                        && int.TryParse(id.AsSpan(stored.Id.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
                        && sequence >= stored.First && sequence < stored.Next)
                    {
                        restored[sequence] = (json, activity.From?.Role == RoleTypes.User);
                    }
                }
            }
        }

        lock (conversation._activities)
        {
            foreach (var (sequence, (json, fromUser)) in restored)
            {
                conversation.Add(sequence, json, fromUser);
            }

            conversation._dirtyChunks.Clear();

            // The caps may have been lowered since it was stored: they hold from the first use.
            conversation.DropBeyondCaps();
        }

        return conversation;
    }

    /// <summary>Gets the sequence number of the first activity kept (the watermark when none is).</summary>
    private int First => _activities.First?.Value.Sequence ?? _next;

    private string IdOf(int sequence) => $"{Id}|{sequence:D7}";

    private string ChunkKey(int generation, int chunk) => $"{Key}/t{generation}/{chunk}";

    private List<string> ChunkKeys()
    {
        if (_activities.Count == 0)
        {
            return [];
        }

        var first = _activities.First!.Value.Sequence / ChunkSize;
        var last = _activities.Last!.Value.Sequence / ChunkSize;
        return Enumerable.Range(first, last - first + 1).Select(c => ChunkKey(_generation, c)).ToList();
    }

    private void Add(int sequence, string json, bool fromUser)
    {
        var bytes = Encoding.UTF8.GetByteCount(json);
        _activities.AddLast(new Entry(sequence, json, bytes, fromUser));
        _bytes += bytes;
        _dirtyChunks.Add(sequence / ChunkSize);
    }

    private void DropBeyondCaps()
    {
        // Always keep the newest activity, so a reply or an echo is never lost on its way.
        while (_activities.Count > 1 && (_activities.Count > _maxActivities || _bytes > _maxBytes))
        {
            var dropped = _activities.First!.Value;
            _bytes -= dropped.Bytes;
            _activities.RemoveFirst();
            var chunk = dropped.Sequence / ChunkSize;
            if (_activities.First!.Value.Sequence / ChunkSize != chunk)
            {
                // Nothing kept is in that chunk any more: it goes from the store.
                _deadKeys.Add(ChunkKey(_generation, chunk));
                _dirtyChunks.Remove(chunk);
            }
            else
            {
                _dirtyChunks.Add(chunk);
            }
        }
    }

    private readonly record struct Entry(int Sequence, string Json, int Bytes, bool FromUser);
}

/// <summary>An offline Direct Line conversation as kept in the store (its transcript is in <see cref="StoredTranscriptChunk"/>s).</summary>
public sealed class StoredConversation
{
    /// <summary>Gets or sets the conversation id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the user the conversation's tokens belong to.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>Gets or sets when the newest token expires.</summary>
    public DateTimeOffset Expires { get; set; }

    /// <summary>Gets or sets a value indicating whether the client has started the conversation.</summary>
    public bool Started { get; set; }

    /// <summary>Gets or sets the serial number of the newest token.</summary>
    public int TokenSerial { get; set; }

    /// <summary>Gets or sets the superseded tokens still honoured, by serial, until when.</summary>
    public Dictionary<int, DateTimeOffset> Superseded { get; set; } = [];

    /// <summary>Gets or sets the sequence number of the first activity kept.</summary>
    public int First { get; set; }

    /// <summary>Gets or sets the watermark after the newest activity.</summary>
    public int Next { get; set; }

    /// <summary>Gets or sets the generation of the transcript's chunk keys (a new one after "delete my data").</summary>
    public int Generation { get; set; }
}

/// <summary>Up to <see cref="OfflineConversation.ChunkSize"/> consecutive activities of an offline transcript, as Direct Line JSON.</summary>
public sealed class StoredTranscriptChunk
{
    /// <summary>Gets or sets the activities, oldest first.</summary>
    public List<string> Activities { get; set; } = [];
}
