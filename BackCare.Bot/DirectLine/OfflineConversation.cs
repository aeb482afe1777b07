using Microsoft.Bot.Schema;

namespace BackCare.Bot.DirectLine;

/// <summary>One conversation of the offline Direct Line endpoint: its token and every activity in order.</summary>
public sealed class OfflineConversation(string id, string token, DateTimeOffset expires)
{
    private readonly List<Activity> _activities = [];

    public string Id { get; } = id;

    public string Token { get; private set; } = token;

    public DateTimeOffset Expires { get; private set; } = expires;

    public DateTimeOffset LastUsed { get; private set; } = DateTimeOffset.UtcNow;

    public bool Started { get; set; }

    /// <summary>Adds activities, giving each its server id (conversation id and sequence number).</summary>
    public void Append(IEnumerable<Activity> activities)
    {
        lock (_activities)
        {
            foreach (var activity in activities)
            {
                activity.Id = $"{Id}|{_activities.Count:D7}";
                _activities.Add(activity);
            }

            LastUsed = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>The activities after <paramref name="watermark"/>, and the new watermark.</summary>
    public (List<Activity> Activities, int Watermark) Since(int watermark)
    {
        lock (_activities)
        {
            var from = Math.Clamp(watermark, 0, _activities.Count);
            return (_activities.Skip(from).ToList(), _activities.Count);
        }
    }

    public void Renew(string token, DateTimeOffset expires)
    {
        Token = token;
        Expires = expires;
    }
}
