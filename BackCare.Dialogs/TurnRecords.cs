using Microsoft.Bot.Builder;

namespace BackCare.Dialogs;

/// <summary>
/// What the dialog engine and the bot record for one turn (what a state read, the stack's changes, the documents
/// read ahead), kept in the turn's own state collection under one key, so it goes with the turn. The collection
/// compares its keys culture-aware, which is slow for something looked up on every state access: the records each
/// thread looked up last are remembered, and used again only for the same turn state (by reference, so another
/// turn never gets them). When the turn ends (<see cref="EndOfTurn"/>, the adapter's outermost middleware), the
/// records let go of it and of everything recorded, so a thread that ran a turn keeps nothing of it. Kept in the turn rather than in weak
/// tables beside it: a weak table's entry is a dependent GC handle, and at thousands of turns a second the
/// collector had hundreds of thousands of them to trace on every collection.
/// </summary>
public sealed class TurnRecords : IDisposable
{
    private const string Key = "BackCare.TurnRecords";

    [ThreadStatic]
    private static TurnRecords? _last;

    private readonly List<(object Owner, object Record)> _records = new(4);

    /// <summary>The turn's state, until the turn ends.</summary>
    private TurnContextStateCollection? _state;

    /// <summary>The records of a turn (made at its first use).</summary>
    /// <param name="turnContext">The turn.</param>
    /// <returns>Its records.</returns>
    public static TurnRecords Of(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var state = turnContext.TurnState;
        if (_last is { } last && ReferenceEquals(Volatile.Read(ref last._state), state))
        {
            return last;
        }

        TurnRecords records;
        lock (state)
        {
            if (state.Get<TurnRecords>(Key) is not { } found)
            {
                found = new TurnRecords { _state = state };
                state.Add(Key, found);
            }

            records = found;
        }

        _last = records;
        return records;
    }

    /// <summary>Ends a turn's records, when it has any (see <see cref="EndOfTurn"/>).</summary>
    /// <param name="turnContext">The turn.</param>
    public static void End(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var state = turnContext.TurnState;
        TurnRecords? records;
        lock (state)
        {
            records = state.Get<TurnRecords>(Key);
        }

        records?.Dispose();
    }

    /// <summary>The turn has ended: lets go of the turn state and of every record.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _state, null);
        lock (_records)
        {
            _records.Clear();
        }
    }

    /// <summary>The record an owner keeps for this turn.</summary>
    /// <typeparam name="T">The record's type.</typeparam>
    /// <param name="owner">Whose record (compared by reference).</param>
    /// <param name="record">The record.</param>
    /// <returns><c>true</c> when there is one.</returns>
    public bool TryGet<T>(object owner, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T record)
        where T : class
    {
        lock (_records)
        {
            var at = IndexOf(owner);
            record = at < 0 ? null : (T)_records[at].Record;
            return at >= 0;
        }
    }

    /// <summary>Sets (or replaces) the record an owner keeps for this turn.</summary>
    /// <param name="owner">Whose record.</param>
    /// <param name="record">The record.</param>
    public void Set(object owner, object record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_records)
        {
            var at = IndexOf(owner);
            if (at < 0)
            {
                _records.Add((owner, record));
            }
            else
            {
                _records[at] = (owner, record);
            }
        }
    }

    /// <summary>The owner's record, made now when it has none.</summary>
    /// <typeparam name="T">The record's type.</typeparam>
    /// <param name="owner">Whose record.</param>
    /// <returns>The record.</returns>
    public T GetOrAdd<T>(object owner)
        where T : class, new()
    {
        lock (_records)
        {
            var at = IndexOf(owner);
            if (at >= 0)
            {
                return (T)_records[at].Record;
            }

            var record = new T();
            _records.Add((owner, record));
            return record;
        }
    }

    /// <summary>Removes the owner's record.</summary>
    /// <param name="owner">Whose record.</param>
    /// <returns><c>true</c> when there was one.</returns>
    public bool Remove(object owner)
    {
        lock (_records)
        {
            var at = IndexOf(owner);
            if (at >= 0)
            {
                _records.RemoveAt(at);
            }

            return at >= 0;
        }
    }

    /// <summary>Where the owner's record is (a turn has a handful: a scan by reference), or -1; under the lock.</summary>
    private int IndexOf(object owner)
    {
        for (var i = 0; i < _records.Count; i++)
        {
            if (ReferenceEquals(_records[i].Owner, owner))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Ends each turn's records once the turn is over, however it ended (the adapter's outermost middleware).</summary>
public sealed class EndOfTurn : IMiddleware
{
    /// <inheritdoc/>
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TurnRecords.End(turnContext);
        }
    }
}
