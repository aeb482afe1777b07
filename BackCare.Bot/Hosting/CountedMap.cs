using System.Collections;
using System.Collections.Concurrent;

namespace BackCare.Bot.Hosting;

/// <summary>
/// A concurrent map by string key that knows its count cheaply (a <see cref="ConcurrentDictionary{TKey, TValue}"/>'s
/// own count takes all of its locks), for the in-memory copies kept between turns. The count moves only with an
/// entry actually added or removed, so it stays equal to the entries however callers race. Such copies are kept
/// for a while and up to a number: <see cref="LetOldGo"/> is their one way of letting go.
/// </summary>
/// <typeparam name="TValue">What is kept.</typeparam>
public sealed class CountedMap<TValue> : IEnumerable<KeyValuePair<string, TValue>>
    where TValue : class
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private long _count;
    private long _swept = Environment.TickCount64;

    /// <summary>Gets how many entries there are.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Adds the entry, or replaces the one under its key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public void Set(string key, TValue value)
    {
        while (true)
        {
            if (_entries.TryGetValue(key, out var current))
            {
                // Replaced only while it is still there: one removed meanwhile is added (and counted) below.
                if (_entries.TryUpdate(key, value, current))
                {
                    return;
                }
            }
            else if (_entries.TryAdd(key, value))
            {
                Interlocked.Increment(ref _count);
                return;
            }
        }
    }

    /// <summary>Gets the entry under a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns><c>true</c> when there is one.</returns>
    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    /// <summary>Removes the entry under a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value it had.</param>
    /// <returns><c>true</c> when there was one.</returns>
    public bool TryRemove(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryRemove(key, out value))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Lets old entries go, before one is added: at most once a minute, those set <paramref name="keepForMs"/> ago
    /// or more; and whenever there are <paramref name="max"/>, the older half (the conversations that are quiet now).
    /// An entry replaced meanwhile stays.
    /// </summary>
    /// <param name="setAt">When an entry was set, in milliseconds of <see cref="Environment.TickCount64"/>.</param>
    /// <param name="now">Now, in the same milliseconds.</param>
    /// <param name="keepForMs">How long an entry is kept.</param>
    /// <param name="max">How many entries are kept at most.</param>
    public void LetOldGo(Func<TValue, long> setAt, long now, long keepForMs, int max)
    {
        ArgumentNullException.ThrowIfNull(setAt);
        var last = Interlocked.Read(ref _swept);
        if (now - last > 60_000 && Interlocked.CompareExchange(ref _swept, now, last) == last)
        {
            foreach (var entry in _entries)
            {
                if (now - setAt(entry.Value) >= keepForMs)
                {
                    Remove(entry);
                }
            }
        }

        if (Count >= max)
        {
            foreach (var entry in _entries.OrderBy(e => setAt(e.Value)).Take(max / 2).ToList())
            {
                Remove(entry);
            }
        }
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        foreach (var key in _entries.Keys)
        {
            TryRemove(key, out _);
        }
    }

    /// <summary>Removes an entry if it is still the one under its key.</summary>
    private void Remove(KeyValuePair<string, TValue> entry)
    {
        if (_entries.TryRemove(entry))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => _entries.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
