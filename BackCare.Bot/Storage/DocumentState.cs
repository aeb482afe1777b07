using Microsoft.Bot.Builder;

namespace BackCare.Bot.Storage;

/// <summary>
/// BackCare's conversation state: the SDK's <see cref="ConversationState"/> (same storage key, same property
/// accessors, same behaviour), loaded and saved by <see cref="DocumentState"/>.
/// </summary>
/// <param name="storage">The store.</param>
public sealed class BackCareConversationState(IStorage storage) : ConversationState(storage)
{
    private readonly DocumentState _documents = new(storage, keepBetweenTurns: true);

    /// <inheritdoc/>
    public override Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
        => _documents.LoadAsync(this, turnContext, GetStorageKey(turnContext), force, cancellationToken);

    /// <inheritdoc/>
    public override Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
        => _documents.SaveAsync(this, turnContext, GetStorageKey(turnContext), force, cancellationToken);

    /// <inheritdoc/>
    public override async Task ClearStateAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.ClearStateAsync(turnContext, cancellationToken).ConfigureAwait(false);
        _documents.Cleared(turnContext);
    }

    /// <inheritdoc/>
    public override Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        _documents.Forget(turnContext, GetStorageKey(turnContext));
        return base.DeleteAsync(turnContext, cancellationToken);
    }

    /// <summary>Empties the SDK's turn cache only (loading puts the document in it).</summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    internal Task ClearCacheAsync(ITurnContext turnContext, CancellationToken cancellationToken) => base.ClearStateAsync(turnContext, cancellationToken);

    /// <summary>Drops what this process keeps in memory of these documents (their state is being erased).</summary>
    /// <param name="keys">The storage keys.</param>
    public void Forget(IEnumerable<string> keys) => _documents.Forget(keys);
}

/// <summary>
/// BackCare's user state: the SDK's <see cref="UserState"/> (same storage key, same property accessors, same
/// behaviour), loaded and saved by <see cref="DocumentState"/>.
/// </summary>
/// <param name="storage">The store.</param>
public sealed class BackCareUserState(IStorage storage) : UserState(storage)
{
    // Not kept between turns: a person's state is read by each of their conversations, and an object shared in
    // one turn with a conversation's state (a routine put aside) must not stay shared with another conversation.
    private readonly DocumentState _documents = new(storage, keepBetweenTurns: false);

    /// <inheritdoc/>
    public override Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
        => _documents.LoadAsync(this, turnContext, GetStorageKey(turnContext), force, cancellationToken);

    /// <inheritdoc/>
    public override Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
        => _documents.SaveAsync(this, turnContext, GetStorageKey(turnContext), force, cancellationToken);

    /// <inheritdoc/>
    public override async Task ClearStateAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.ClearStateAsync(turnContext, cancellationToken).ConfigureAwait(false);
        _documents.Cleared(turnContext);
    }

    /// <inheritdoc/>
    public override Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        _documents.Forget(turnContext, GetStorageKey(turnContext));
        return base.DeleteAsync(turnContext, cancellationToken);
    }

    /// <summary>Empties the SDK's turn cache only (loading puts the document in it).</summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    internal Task ClearCacheAsync(ITurnContext turnContext, CancellationToken cancellationToken) => base.ClearStateAsync(turnContext, cancellationToken);

    /// <summary>Drops what this process keeps in memory of these documents (their state is being erased).</summary>
    /// <param name="keys">The storage keys.</param>
    public void Forget(IEnumerable<string> keys) => _documents.Forget(keys);
}

/// <summary>
/// Loads and saves one state document per turn (a conversation's or a user's) for a <see cref="BotState"/>, whose
/// own property accessors and turn cache (<see cref="BotState.CachedBotState"/>) are kept, so properties behave
/// exactly as the SDK's. What changes is the cost: the SDK's <see cref="BotState"/> serializes the whole state to
/// a hash at load, again to see whether it changed, again to write it and again to hash what it wrote, four
/// times a turn. Here a store that keeps JSON (<see cref="IStateDocuments"/>) hands over the text, which is
/// deserialized once and remembered; a save serializes once, compares with that text and writes only a changed
/// state. Any other <see cref="IStorage"/> (a test's) is read and written through its own interface, with one
/// serialization at load for the comparison.
/// A conversation's document this process wrote is kept in memory with the JSON it was written as, until that
/// conversation's next turn takes it: when the store still holds exactly that JSON, the kept properties are that
/// state and need no deserializing; any other JSON (another instance wrote since) is read as usual. A turn takes
/// the kept copy out, so a turn that fails after changing it leaves nothing behind: only a save puts one back.
/// Only a conversation's own turns (and its timers) read its document, so the kept objects are never seen by
/// another conversation; a person's state, read by all of their conversations, is not kept (see
/// <see cref="BackCareUserState"/>). Kept at most <see cref="KeptFor"/>: erased on another instance, a
/// conversation's state does not stay in this one's memory long.
/// </summary>
/// <param name="storage">The store.</param>
/// <param name="keepBetweenTurns">Whether the document is kept in memory between turns (only a conversation's).</param>
public sealed class DocumentState(IStorage storage, bool keepBetweenTurns)
{
    /// <summary>The most documents kept in memory between turns; beyond it, the oldest are let go.</summary>
    public const int MaxKept = 4096;

    /// <summary>How long a document is kept in memory after its turn (a conversation quiet for longer is read from the store).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(3);

    private readonly IStateDocuments? _documents = storage as IStateDocuments;

    private readonly Hosting.CountedMap<Kept> _kept = new();

    /// <summary>Reads the document into the turn, unless the turn has it already (or <paramref name="force"/>).</summary>
    /// <param name="state">The state whose turn cache receives it.</param>
    /// <param name="turnContext">The turn.</param>
    /// <param name="key">The storage key.</param>
    /// <param name="force">Whether to read it again.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    /// <exception cref="UnreadableStateException">The stored document cannot be read.</exception>
    public async Task LoadAsync(BotState state, ITurnContext turnContext, string key, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(turnContext);
        // Loaded in this turn already (a deletion forgets it: see Forget).
        if (!force && BackCare.Dialogs.TurnRecords.Of(turnContext).TryGet<Read>(this, out _))
        {
            return;
        }

        IDictionary<string, object> properties;
        string? json;
        if (_documents is not null)
        {
            json = TurnDocuments.TryTake(turnContext, key, out var readAhead)
                ? readAhead
                : (await _documents.ReadDocumentsAsync([key], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(key);
            properties = json is null
                ? new Dictionary<string, object>()
                : _kept.TryRemove(key, out var kept) && string.Equals(kept.Json, json, StringComparison.Ordinal) && Environment.TickCount64 - kept.At < (long)KeptFor.TotalMilliseconds
                    ? kept.Properties
                    : AsProperties(key, UnreadableStateException.Read(key, json));
        }
        else
        {
            var items = await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            var value = items.TryGetValue(key, out var stored) ? stored : null;
            properties = value is null ? new Dictionary<string, object>() : AsProperties(key, value);
            json = value is null ? null : StateJson.Serialize(properties);
        }

        // The SDK's turn cache, made empty (its hash is of an empty dictionary: cheap), then given the document.
        // (The base class's clear: this state's own override would mark the document cleared.)
        await ClearCacheAsync(state, turnContext, cancellationToken).ConfigureAwait(false);
        var cached = state.GetCachedState(turnContext) ?? throw new InvalidOperationException("The SDK's state cache was not created.");
        cached.State = properties;
        BackCare.Dialogs.TurnRecords.Of(turnContext).Set(this, new Read(json));
    }

    /// <summary>Writes the turn's document if it changed since it was read (or <paramref name="force"/>).</summary>
    /// <param name="state">The state whose turn cache holds it.</param>
    /// <param name="turnContext">The turn.</param>
    /// <param name="key">The storage key.</param>
    /// <param name="force">Whether to write it unchanged too.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public async Task SaveAsync(BotState state, ITurnContext turnContext, string key, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(turnContext);
        if (state.GetCachedState(turnContext)?.State is not { } properties)
        {
            return;
        }

        var read = BackCare.Dialogs.TurnRecords.Of(turnContext).TryGet<Read>(this, out var found) ? found : null;
        var json = StateJson.Serialize(properties);
        if (!force && read is not null && string.Equals(json, read.Json, StringComparison.Ordinal))
        {
            // Unchanged, so not written; still what the store holds, so kept for the next turn all the same.
            if (_documents is not null && json is not null)
            {
                Keep(key, new Kept(json, properties, Environment.TickCount64));
            }

            return;
        }

        if (_documents is not null)
        {
            await _documents.WriteDocumentsAsync(new Dictionary<string, string>(StringComparer.Ordinal) { [key] = json }, cancellationToken).ConfigureAwait(false);
            Keep(key, new Kept(json, properties, Environment.TickCount64));
        }
        else
        {
            await storage.WriteAsync(new Dictionary<string, object> { [key] = properties }, cancellationToken).ConfigureAwait(false);
        }

        BackCare.Dialogs.TurnRecords.Of(turnContext).Set(this, new Read(json));
    }

    /// <summary>The state was emptied in this turn: it counts as loaded, and a save writes it.</summary>
    /// <param name="turnContext">The turn.</param>
    public void Cleared(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var records = BackCare.Dialogs.TurnRecords.Of(turnContext);
        if (!records.TryGet<Read>(this, out _))
        {
            records.Set(this, new Read(null));
        }
    }

    /// <summary>Forgets what the turn read and what is kept in memory (the document is being deleted).</summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="key">The storage key.</param>
    public void Forget(ITurnContext turnContext, string key)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        BackCare.Dialogs.TurnRecords.Of(turnContext).Remove(this);
        _kept.TryRemove(key, out _);
    }

    /// <summary>Drops what is kept in memory of these documents.</summary>
    /// <param name="keys">The storage keys.</param>
    public void Forget(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            _kept.TryRemove(key, out _);
        }
    }

    private void Keep(string key, Kept kept)
    {
        if (!keepBetweenTurns)
        {
            return;
        }

        _kept.LetOldGo(static k => k.At, kept.At, (long)KeptFor.TotalMilliseconds, MaxKept);
        _kept.Set(key, kept);
    }

    private static Task ClearCacheAsync(BotState state, ITurnContext turnContext, CancellationToken cancellationToken) => state switch
    {
        BackCareConversationState conversation => conversation.ClearCacheAsync(turnContext, cancellationToken),
        BackCareUserState user => user.ClearCacheAsync(turnContext, cancellationToken),
        _ => state.ClearStateAsync(turnContext, cancellationToken),
    };

    private static IDictionary<string, object> AsProperties(string key, object? value) => value switch
    {
        IDictionary<string, object> properties => properties,
        Newtonsoft.Json.Linq.JObject json => json.ToObject<Dictionary<string, object>>() ?? [],
        _ => throw new UnreadableStateException($"The state item '{key}' is not a set of properties ({value?.GetType().Name ?? "null"})."),
    };

    /// <summary>A document as this process last wrote it: its JSON, its properties, and when (for letting the oldest go).</summary>
    /// <param name="Json">The JSON written.</param>
    /// <param name="Properties">The properties it was written from.</param>
    /// <param name="At">When, in milliseconds of <see cref="Environment.TickCount64"/>.</param>
    private sealed record Kept(string Json, IDictionary<string, object> Properties, long At);

    /// <summary>The JSON a turn's document was read as, or last written as; null when nothing was stored.</summary>
    /// <param name="Json">The JSON.</param>
    private sealed record Read(string? Json);
}
