using BackCare.Bot.Hosting;
using BackCare.Bot.DirectLine;
using BackCare.Bot.Proactive;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;

namespace BackCare.Bot.Storage;

/// <summary>
/// Everything kept about a person, so that "delete my data" can remove all of it: an index from each user to
/// their conversations (kept in the store, next to the user's state), and the erasure itself, which removes the
/// state of every conversation in the index, the user's state, the index, the conversations' turn-lock blobs and
/// the offline Direct Line transcripts (in memory and in the store), and the person's daily reminder (its document and its line in the schedule's
/// index). The stores overwrite what they delete (see <see cref="SqliteStorage"/>).
/// </summary>
public sealed class PersonalData(IStorage storage, ITurnLock turnLock, OfflineDirectLine directLine, ReminderSchedule reminders, ConversationState conversationState, UserState userState, ILogger<PersonalData> logger)
{
    /// <summary>The most conversations indexed per user; the oldest are past retention long before this.</summary>
    public const int MaxIndexedConversations = 500;

    /// <summary>How often an unchanged index is written again, so the retention purge never removes the index of someone still talking.</summary>
    public static readonly TimeSpan IndexRefresh = TimeSpan.FromHours(12);

    /// <summary>The most indexes this process remembers having read; beyond it, it starts afresh.</summary>
    private const int MaxRemembered = 50_000;

    /// <summary>
    /// The indexes this process has read, by key, with the JSON they were read as: every turn reads its person's
    /// index (one small row; a deletion elsewhere must be noticed at once), and only an index whose JSON differs
    /// from what was read last is parsed again.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KnownIndex> _known = new(StringComparer.Ordinal);

    /// <summary>The store key of a user's conversation index.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="userId">The user id in that channel.</param>
    /// <returns>The key.</returns>
    public static string IndexKey(string channelId, string userId) => $"{channelId}/users/{userId}/conversations";

    /// <summary>The store key of a conversation's state (as the SDK's ConversationState names it).</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="conversationId">The conversation id.</param>
    /// <returns>The key.</returns>
    public static string ConversationKey(string channelId, string conversationId) => $"{channelId}/conversations/{conversationId}";

    /// <summary>The store key of a user's state (as the SDK's UserState names it).</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="userId">The user id.</param>
    /// <returns>The key.</returns>
    public static string UserKey(string channelId, string userId) => $"{channelId}/users/{userId}";

    /// <summary>
    /// Adds the turn's conversation to its user's index (written only when new, or now and then to keep it from
    /// the purge). Read every turn, so a conversation erased elsewhere while a turn of it ran is indexed again at its
    /// next turn; through a store that keeps JSON, an index unchanged since it was last read is not parsed again.
    /// </summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public async Task RecordAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (string.IsNullOrEmpty(activity.ChannelId) || string.IsNullOrEmpty(activity.From?.Id) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return;
        }

        var key = IndexKey(activity.ChannelId, activity.From.Id);
        if (storage is IStateDocuments documents
            && (TurnDocuments.TryTake(turnContext, key, out var readAhead) ? readAhead : (await documents.ReadDocumentsAsync([key], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(key)) is { } json
            && Known(key, json) is { } index
            && index.Conversations.Contains(activity.Conversation.Id)
            && DateTimeOffset.UtcNow - index.Touched < IndexRefresh)
        {
            return;
        }

        await RecordInIndexAsync(key, activity.Conversation.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An index as read from its JSON: the last one read for the key when the JSON is the same; null when it cannot be read.</summary>
    private KnownIndex? Known(string key, string json)
    {
        if (_known.TryGetValue(key, out var known) && string.Equals(known.Json, json, StringComparison.Ordinal))
        {
            return known;
        }

        if (UnreadableStateException.Read(key, json) is not UserConversations read)
        {
            return null;
        }

        if (_known.Count >= MaxRemembered)
        {
            _known.Clear();
        }

        known = new KnownIndex(json, new HashSet<string>(read.Conversations, StringComparer.Ordinal), read.Touched);
        _known[key] = known;
        return known;
    }

    private async Task RecordInIndexAsync(string key, string conversationId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var index = (await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false)).TryGetValue(key, out var stored) && stored is UserConversations known
                    ? known
                    : new UserConversations();
                var now = DateTimeOffset.UtcNow;
                if (index.Conversations.Contains(conversationId) && now - index.Touched < IndexRefresh)
                {
                    return;
                }

                index.Conversations.Remove(conversationId);
                index.Conversations.Add(conversationId);
                if (index.Conversations.Count > MaxIndexedConversations)
                {
                    index.Conversations.RemoveRange(0, index.Conversations.Count - MaxIndexedConversations);
                }

                index.Touched = now;
                await storage.WriteAsync(new Dictionary<string, object> { [key] = index }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 3)
            {
                // Another conversation of the same person changed the index since it was read: read it again.
            }
        }
    }

    /// <summary>
    /// Erases everything kept about the turn's user: every indexed conversation's state (this one included), the
    /// user's state and index, the conversations' lock blobs and, in Web Chat, the offline transcripts (keeping
    /// only the activity being answered).
    /// </summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public async Task EraseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var channel = activity.ChannelId ?? string.Empty;
        var userId = activity.From?.Id;
        var conversations = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            conversations.Add(activity.Conversation.Id);
        }

        var keys = new List<string>();
        if (!string.IsNullOrEmpty(userId))
        {
            var indexKey = IndexKey(channel, userId);
            if ((await storage.ReadAsync([indexKey], cancellationToken).ConfigureAwait(false)).TryGetValue(indexKey, out var stored) && stored is UserConversations index)
            {
                conversations.UnionWith(index.Conversations);
            }

            keys.Add(UserKey(channel, userId));
            keys.Add(indexKey);
            _known.TryRemove(indexKey, out _);
            await reminders.RemoveAsync(channel, userId, cancellationToken).ConfigureAwait(false);
        }

        keys.AddRange(conversations.Select(c => ConversationKey(channel, c)));
        await storage.DeleteAsync([.. keys], cancellationToken).ConfigureAwait(false);

        // Nor kept in this process's memory between turns.
        (conversationState as BackCareConversationState)?.Forget(keys);
        (userState as BackCareUserState)?.Forget(keys);
        foreach (var conversation in conversations)
        {
            await turnLock.ForgetAsync(SerializedTurnsMiddleware.KeyFor(channel, conversation), cancellationToken).ConfigureAwait(false);
        }

        var transcripts = channel == Channels.Webchat && !string.IsNullOrEmpty(userId)
            ? await directLine.ForgetUserAsync(userId, conversations, activity.Id, cancellationToken).ConfigureAwait(false)
            : 0;
        logger.PersonalDataDeleted(conversations.Count, transcripts);
    }
}

/// <summary>The conversations of one user, oldest first: what "delete my data" removes besides the user's own state.</summary>
public sealed class UserConversations : IStoreItem
{
    /// <summary>Gets the conversation ids, oldest first.</summary>
    public List<string> Conversations { get; init; } = [];

    /// <summary>Gets or sets when the index was last written.</summary>
    public DateTimeOffset Touched { get; set; }

    /// <inheritdoc/>
    public string ETag { get; set; } = "*";
}

/// <summary>An index as this process last read it.</summary>
/// <param name="Json">The JSON it was read as.</param>
/// <param name="Conversations">Its conversations.</param>
/// <param name="Touched">When it was last written.</param>
internal sealed record KnownIndex(string Json, HashSet<string> Conversations, DateTimeOffset Touched);
