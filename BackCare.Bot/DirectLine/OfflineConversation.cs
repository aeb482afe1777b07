using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace BackCare.Bot.DirectLine;

/// <summary>
/// One conversation of the offline Direct Line endpoint: the user its tokens were issued to, and a bounded
/// transcript. When the transcript holds more activities or bytes than allowed, the oldest are dropped; the
/// watermark keeps counting, so a client that polls never sees an activity twice.
/// </summary>
public sealed class OfflineConversation
{
    private readonly LinkedList<(Activity Activity, int Bytes)> _activities = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _maxActivities;
    private readonly int _maxBytes;
    private int _first;
    private int _next;
    private long _bytes;

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

    /// <summary>Gets the user id carried by the conversation's tokens: every activity the client posts is from this user.</summary>
    public string UserId { get; }

    /// <summary>Gets or sets when the newest token expires.</summary>
    public DateTimeOffset Expires { get; set; }

    /// <summary>Gets or sets a number that grows with every use, for least-recently-used eviction.</summary>
    public long LastUsed { get; set; }

    /// <summary>Gets or sets a value indicating whether the client has started the conversation.</summary>
    public bool Started { get; set; }

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

    /// <summary>Adds activities, giving each its server id (conversation id and sequence number), and drops the oldest beyond the caps.</summary>
    /// <param name="activities">The activities.</param>
    public void Append(IEnumerable<Activity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        lock (_activities)
        {
            foreach (var activity in activities)
            {
                activity.Id = $"{Id}|{_next++:D7}";
                var bytes = Encoding.UTF8.GetByteCount(JsonConvert.SerializeObject(activity));
                _activities.AddLast((activity, bytes));
                _bytes += bytes;
            }

            // Always keep the newest activity, so a reply or an echo is never lost on its way.
            while (_activities.Count > 1 && (_activities.Count > _maxActivities || _bytes > _maxBytes))
            {
                _bytes -= _activities.First!.Value.Bytes;
                _activities.RemoveFirst();
                _first++;
            }

            var appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            appended.TrySetResult();
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

    /// <summary>The activities after <paramref name="watermark"/>, and the new watermark.</summary>
    /// <param name="watermark">The client's watermark.</param>
    /// <returns>The activities and the watermark to send next time.</returns>
    public (List<Activity> Activities, int Watermark) Since(int watermark)
    {
        lock (_activities)
        {
            var skip = Math.Clamp(watermark - _first, 0, _activities.Count);
            return (_activities.Skip(skip).Select(a => a.Activity).ToList(), _next);
        }
    }

    /// <summary>Removes every activity from the transcript except the one with <paramref name="keepId"/> ("delete my data").</summary>
    /// <param name="keepId">The server id of an activity to keep (the request being answered), or <c>null</c>.</param>
    public void Clear(string? keepId)
    {
        lock (_activities)
        {
            var node = _activities.First;
            while (node is not null)
            {
                var following = node.Next;
                if (!string.Equals(node.Value.Activity.Id, keepId, StringComparison.Ordinal))
                {
                    _bytes -= node.Value.Bytes;
                    _activities.Remove(node);
                }

                node = following;
            }

            // The watermark still counts every activity ever added: the first kept one is where clients resume.
            _first = _next - _activities.Count;
        }
    }
}
