namespace BackCare.Bot.Storage;

/// <summary>One turn per conversation at a time, within this process.</summary>
public sealed class InProcessTurnLock : ITurnLock
{
    private readonly Dictionary<string, Entry> _locks = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public async Task<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_locks)
        {
            if (!_locks.TryGetValue(conversationKey, out entry!))
            {
                entry = new Entry();
                _locks[conversationKey] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(conversationKey, entry, wasHeld: false);
            throw;
        }

        return new Hold(() => Release(conversationKey, entry, wasHeld: true));
    }

    /// <inheritdoc/>
    /// <remarks>Nothing to remove: the table forgets a conversation as soon as no turn holds or waits for it.</remarks>
    public Task ForgetAsync(string conversationKey, CancellationToken cancellationToken) => Task.CompletedTask;

    private void Release(string conversationKey, Entry entry, bool wasHeld)
    {
        if (wasHeld)
        {
            entry.Semaphore.Release();
        }

        lock (_locks)
        {
            // Forget conversations nobody is waiting on, so the table does not grow forever.
            if (--entry.Users == 0)
            {
                _locks.Remove(conversationKey);
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Hold(Action release) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
