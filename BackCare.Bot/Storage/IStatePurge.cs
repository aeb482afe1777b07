namespace BackCare.Bot.Storage;

/// <summary>A store that can remove state nobody has touched for a while.</summary>
public interface IStatePurge
{
    /// <summary>Deletes every item last written before <paramref name="cutoff"/>.</summary>
    /// <param name="cutoff">The oldest write time to keep.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>How many items were deleted.</returns>
    Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
