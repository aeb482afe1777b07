namespace BackCare.Bot.Storage;

/// <summary>
/// Lets one turn of a conversation run at a time, so two messages sent together cannot both read the same state
/// and lose one write.
/// </summary>
public interface ITurnLock
{
    /// <summary>Waits until no other turn of this conversation runs, and holds it until disposed.</summary>
    /// <param name="conversationKey">The conversation.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The hold; dispose it when the turn ends.</returns>
    Task<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken);

    /// <summary>Removes what the lock keeps about a conversation (its lock blob), now or, if a turn holds it, when that turn ends.</summary>
    /// <param name="conversationKey">The conversation.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    Task ForgetAsync(string conversationKey, CancellationToken cancellationToken);
}
