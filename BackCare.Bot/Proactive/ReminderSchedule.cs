using BackCare.Bot.Storage;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Proactive;

/// <summary>
/// The reminders in the store. The store has no query, so next to one document per reminder
/// (<see cref="KeyFor"/>) it keeps an index of their keys (<see cref="IndexKey"/>). Changes to the index hold the
/// store's lock for it (the Blob lease that serialises a conversation's turns across instances, or the in-process
/// lock) and are written with the ETag they were read with (read again on a conflict), so two instances changing it
/// at once both count, even when the index is first created (a write that creates it has no ETag to check).
/// A day's reminder is claimed with the ETag on the reminder's own document, under the store's lock for the
/// reminder's key, which removing it holds too (see <see cref="ClaimAsync"/>).
/// </summary>
/// <param name="storage">The store.</param>
/// <param name="indexLock">The store's lock, for the index.</param>
/// <param name="clock">The clock.</param>
public sealed class ReminderSchedule(IStorage storage, ITurnLock indexLock, TimeProvider clock)
{
    /// <summary>The store key of the index of reminders.</summary>
    public const string IndexKey = "reminders/index";

    /// <summary>How often an unchanged index is written again, so the retention purge never removes it.</summary>
    public static readonly TimeSpan IndexRefresh = TimeSpan.FromHours(12);

    private const int Attempts = 8;

    /// <summary>The store key of a person's reminder.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="userId">The person's id in that channel.</param>
    /// <returns>The key.</returns>
    public static string KeyFor(string channelId, string userId) => $"reminders/{channelId}/{userId}";

    /// <summary>Sets (or replaces) a person's reminder.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="userId">The person.</param>
    /// <param name="reminder">The reminder.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public async Task SetAsync(string channelId, string userId, Reminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var key = KeyFor(channelId, userId);
        reminder.ETag = "*";
        await storage.WriteAsync(new Dictionary<string, object> { [key] = reminder }, cancellationToken).ConfigureAwait(false);
        await ChangeIndexAsync(keys => !keys.Contains(key) && Added(keys, key), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a person's reminder.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="userId">The person.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>Whether there was one.</returns>
    public async Task<bool> RemoveAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        var key = KeyFor(channelId, userId);
        bool existed;
        await using (var held = await indexLock.AcquireAsync(key, cancellationToken).ConfigureAwait(false))
        {
            // Under the reminder's lock, so a claim of a day (which holds it too) cannot write it back after this.
            existed = (await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false)).ContainsKey(key);
            await storage.DeleteAsync([key], cancellationToken).ConfigureAwait(false);
        }

        await indexLock.ForgetAsync(key, cancellationToken).ConfigureAwait(false);
        await ChangeIndexAsync(keys => keys.Remove(key), cancellationToken).ConfigureAwait(false);
        return existed;
    }

    /// <summary>A person's reminder, or <c>null</c>.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="userId">The person.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The reminder, with its ETag.</returns>
    public async Task<Reminder?> FindAsync(string channelId, string userId, CancellationToken cancellationToken)
        => await ReadAsync(KeyFor(channelId, userId), cancellationToken).ConfigureAwait(false);

    /// <summary>The keys of every reminder; the index is written again when it is old, so the purge keeps it.</summary>
    /// <param name="now">Now.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The keys.</returns>
    public async Task<IReadOnlyList<string>> KeysAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
        if (index is not null && index.Keys.Count > 0 && now - index.Touched > IndexRefresh)
        {
            index.Touched = now;
            try
            {
                await storage.WriteAsync(new Dictionary<string, object> { [IndexKey] = index }, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException)
            {
                // Another instance changed (and so refreshed) it since: nothing to do.
            }
        }

        return index?.Keys ?? [];
    }

    /// <summary>A reminder document, with its ETag, or <c>null</c>.</summary>
    /// <param name="key">Its key.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The reminder.</returns>
    public async Task<Reminder?> ReadAsync(string key, CancellationToken cancellationToken)
        => (await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false)).TryGetValue(key, out var stored) ? stored as Reminder : null;

    /// <summary>
    /// Claims a day's reminder for this instance: writes the day as sent, with the ETag the reminder was read
    /// with. Another instance that claimed it first, or a change by the person since it was read, makes the write
    /// fail: then this instance does not send it.
    /// </summary>
    /// <param name="key">The reminder's key.</param>
    /// <param name="reminder">The reminder as read.</param>
    /// <param name="day">The local day, as <see cref="Reminder.DayFormat"/>.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>Whether this instance has it.</returns>
    public async Task<bool> ClaimAsync(string key, Reminder reminder, string day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (string.IsNullOrEmpty(reminder.ETag) || reminder.ETag == "*")
        {
            throw new ArgumentException("A reminder is claimed with the ETag it was read with.", nameof(reminder));
        }

        await using var held = await indexLock.AcquireAsync(key, cancellationToken).ConfigureAwait(false);

        // Read again under the reminder's lock (the one RemoveAsync holds): a reminder removed since it was read
        // ("stop reminders", "delete my data") is not claimed, and so not sent nor written back. The stores insert
        // a missing key even when the write carries an ETag (as the SDK's MemoryStorage does), so the write alone
        // would not see the removal.
        var current = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (current is null || !string.Equals(current.ETag, reminder.ETag, StringComparison.Ordinal))
        {
            return false;
        }

        reminder.LastSentDay = day;
        try
        {
            await storage.WriteAsync(new Dictionary<string, object> { [key] = reminder }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ArgumentException)
        {
            // The stores' ETag conflict (ETagConflictException, or the SDK MemoryStorage's ArgumentException).
            return false;
        }
    }

    private static bool Added(List<string> keys, string key)
    {
        keys.Add(key);
        return true;
    }

    private async Task<ReminderIndex?> ReadIndexAsync(CancellationToken cancellationToken)
        => (await storage.ReadAsync([IndexKey], cancellationToken).ConfigureAwait(false)).TryGetValue(IndexKey, out var stored) ? stored as ReminderIndex : null;

    private async Task ChangeIndexAsync(Func<List<string>, bool> change, CancellationToken cancellationToken)
    {
        await using var held = await indexLock.AcquireAsync(IndexKey, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var index = await ReadIndexAsync(cancellationToken).ConfigureAwait(false) ?? new ReminderIndex();
            if (!change(index.Keys))
            {
                return;
            }

            index.Touched = clock.GetUtcNow();
            try
            {
                await storage.WriteAsync(new Dictionary<string, object> { [IndexKey] = index }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ArgumentException) when (attempt < Attempts)
            {
                // Changed by another instance since it was read: read it again and apply the change to that.
            }
        }
    }
}
