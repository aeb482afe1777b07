namespace BackCare.Bot.Bots;

/// <summary>
/// The ids of the last activities handled in a conversation, kept in the conversation's state so that a channel's
/// retry of an activity is not applied twice, on any instance and after a restart. Bounded: the last
/// <see cref="MaxIds"/> ids, and the replies of only the last <see cref="MaxReplies"/> (a retry comes soon after).
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
    public HandledActivity? Find(string activityId) => Items.LastOrDefault(i => string.Equals(i.Id, activityId, StringComparison.Ordinal));

    /// <summary>Records a handled activity and the replies it got (each reply as its JSON).</summary>
    /// <param name="activityId">The activity id.</param>
    /// <param name="replies">The replies.</param>
    public void Record(string activityId, List<string> replies)
    {
        Items.Add(new HandledActivity { Id = activityId, Replies = replies });
        if (Items.Count > MaxIds)
        {
            Items.RemoveRange(0, Items.Count - MaxIds);
        }

        for (var i = 0; i < Items.Count - MaxReplies; i++)
        {
            Items[i].Replies = null;
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
