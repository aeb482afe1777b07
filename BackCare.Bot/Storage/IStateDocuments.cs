namespace BackCare.Bot.Storage;

/// <summary>
/// A store's state documents as the JSON text it keeps (see <see cref="StateJson"/>), for the bot's own state
/// (<see cref="DocumentState"/>): read as text, it is deserialized once and its text is what a save compares
/// against, so an unchanged state is not written and a changed one is serialized once. Writes here carry no
/// ETag: the last writer wins, as with the SDK's state dictionaries (turns of one conversation run one at a time,
/// see <see cref="SerializedTurnsMiddleware"/>).
/// </summary>
public interface IStateDocuments
{
    /// <summary>Reads documents; a key not stored is absent from the result.</summary>
    /// <param name="keys">The keys.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The stored JSON by key.</returns>
    Task<IReadOnlyDictionary<string, string>> ReadDocumentsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes documents, replacing what is stored under their keys.</summary>
    /// <param name="documents">The JSON by key (as <see cref="StateJson.Serialize"/> writes it).</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    Task WriteDocumentsAsync(IReadOnlyDictionary<string, string> documents, CancellationToken cancellationToken = default);
}
