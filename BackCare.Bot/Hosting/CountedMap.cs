using System.Collections;
using System.Collections.Concurrent;

namespace BackCare.Bot.Hosting;

/// <summary>
/// A concurrent map by string key that knows its count cheaply (a <see cref="ConcurrentDictionary{TKey, TValue}"/>'s
/// own count takes all of its locks), for the in-memory copies kept between turns. The count moves only with an
/// entry actually added or removed, so it stays equal to the entries however callers race.
/// </summary>
/// <typeparam name="TValue">What is kept.</typeparam>
public sealed class CountedMap<TValue> : IEnumerable<KeyValuePair<string, TValue>>
    where TValue : class
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private long _count;

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

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        foreach (var key in _entries.Keys)
        {
            TryRemove(key, out _);
        }
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => _entries.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
