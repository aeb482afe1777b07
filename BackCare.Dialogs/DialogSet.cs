using Microsoft.Bot.Builder;

namespace BackCare.Dialogs;

/// <summary>A set of dialogs that can call each other, and the accessor that keeps their stack between turns.</summary>
public class DialogSet
{
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);
    private VersionDigest? _lastVersion;

    /// <summary>Initializes a new instance of the <see cref="DialogSet"/> class for a bot's root dialogs.</summary>
    /// <param name="dialogState">The accessor for the conversation's dialog stack.</param>
    public DialogSet(IStatePropertyAccessor<DialogState> dialogState)
    {
        _dialogState = dialogState ?? throw new ArgumentNullException(nameof(dialogState));
    }

    /// <summary>Initializes a new instance of the <see cref="DialogSet"/> class without an accessor (inside a component).</summary>
    public DialogSet()
    {
    }

    /// <summary>Gets the dialogs in the set.</summary>
    public IEnumerable<Dialog> Dialogs => _dialogs.Values;

    /// <summary>Adds a dialog. Adding the same instance twice is ignored; another dialog with a used id is an error.</summary>
    /// <param name="dialog">The dialog.</param>
    /// <returns>This set, for chaining.</returns>
    /// <exception cref="ArgumentException">A different dialog already has this id.</exception>
    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (_dialogs.TryGetValue(dialog.Id, out var existing))
        {
            if (ReferenceEquals(existing, dialog))
            {
                return this;
            }

            throw new ArgumentException($"The dialog set already has a dialog with the id '{dialog.Id}'.", nameof(dialog));
        }

        _dialogs.Add(dialog.Id, dialog);
        return this;
    }

    /// <summary>
    /// Gets a digest of the versions of every dialog in the set (<see cref="Dialog.GetVersion"/>), in id order, so
    /// the order dialogs were added in does not matter. The same in every process that builds the same dialogs.
    /// </summary>
    /// <returns>The digest: 16 hex digits of a SHA-256.</returns>
    public string GetVersion()
    {
        var versions = string.Join('\n', _dialogs.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Value.GetVersion()));

        // Asked on every turn for every dialog on the stack: the digest of the last versions asked for is kept.
        if (Volatile.Read(ref _lastVersion) is { } last && string.Equals(last.Versions, versions, StringComparison.Ordinal))
        {
            return last.Digest;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(versions));
        var digest = Convert.ToHexStringLower(hash, 0, 8);
        Volatile.Write(ref _lastVersion, new VersionDigest(versions, digest));
        return digest;
    }

    /// <summary>Finds a dialog of this set by id.</summary>
    /// <param name="dialogId">The id.</param>
    /// <returns>The dialog, or <c>null</c>.</returns>
    public Dialog? Find(string dialogId)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialogId);
        return _dialogs.GetValueOrDefault(dialogId);
    }

    /// <summary>Loads the conversation's dialog stack and returns a context to run it in.</summary>
    /// <param name="turnContext">The turn context.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The dialog context.</returns>
    /// <exception cref="InvalidOperationException">The set was made without a state accessor.</exception>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (_dialogState is null)
        {
            throw new InvalidOperationException("This DialogSet was created without a state property accessor, so it cannot load a dialog stack.");
        }

        var state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken).ConfigureAwait(false);
        state.DialogStack ??= [];
        return new DialogContext(this, turnContext, state);
    }

    /// <summary>The versions of the set's dialogs and their digest.</summary>
    /// <param name="Versions">The versions, in id order.</param>
    /// <param name="Digest">The digest.</param>
    private sealed record VersionDigest(string Versions, string Digest);
}
