using Microsoft.Bot.Builder;

namespace BackCare.Bot.Storage;

/// <summary>
/// The documents a turn will read, read together at its start in one request to the store (the conversation's
/// state, the person's state and their conversation index): each is then taken once by whoever reads it first in
/// the turn (<see cref="DocumentState"/>, <see cref="PersonalData"/>); a second read in the turn goes to the store.
/// </summary>
public static class TurnDocuments
{
    /// <summary>Whose record the documents read ahead are, in the turn's records.</summary>
    private static readonly object Owner = new();

    /// <summary>Reads the documents for the turn, when the store keeps JSON; otherwise nothing is read ahead.</summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="storage">The store.</param>
    /// <param name="keys">The keys.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public static async Task ReadAheadAsync(ITurnContext turnContext, IStorage storage, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(keys);
        if (storage is not IStateDocuments documents || keys.Count == 0)
        {
            return;
        }

        var found = await documents.ReadDocumentsAsync(keys, cancellationToken).ConfigureAwait(false);
        var read = new Dictionary<string, string?>(keys.Count, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            read[key] = found.GetValueOrDefault(key);
        }

        BackCare.Dialogs.TurnRecords.Of(turnContext).Set(Owner, read);
    }

    /// <summary>Takes a document read ahead for this turn (once).</summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="key">The key.</param>
    /// <param name="json">The JSON, or <c>null</c> when the store did not have it.</param>
    /// <returns><c>true</c> when it was read ahead (and not taken yet).</returns>
    public static bool TryTake(ITurnContext turnContext, string key, out string? json)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        json = null;
        return BackCare.Dialogs.TurnRecords.Of(turnContext).TryGet<Dictionary<string, string?>>(Owner, out var read) && read.Remove(key, out json);
    }
}
