using System.Runtime.CompilerServices;

namespace BackCare.Bot.Understanding;

/// <summary>
/// The readings of the latest messages, found by the message's text object itself: a turn's readers all read the
/// activity's text, so the first reads it and the others find the reading (a reading is a pure function of the
/// text). A fixed number of places, each holding the last text that fell there; a text pushed out is only read
/// again. Not a weak table: its entries are GC handles, and at thousands of messages a second the collector had
/// hundreds of thousands of them to trace on every collection. What a person typed is not kept long: a reading is
/// used for <see cref="KeepFor"/> after it was made, and a sweep as often lets the older ones go, so a message stays
/// in memory here at most twice that.
/// </summary>
/// <typeparam name="T">What a reading is.</typeparam>
public sealed class RecentReadings<T> : IDisposable
    where T : class
{
    /// <summary>How long a reading is used after it was made (a turn's readers read within milliseconds).</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(30);

    private readonly Entry?[] _places;
    private readonly TimeProvider _clock;
    private readonly ITimer _sweep;

    /// <summary>Initializes a new instance of the <see cref="RecentReadings{T}"/> class.</summary>
    /// <param name="places">How many readings are kept (at least 1).</param>
    /// <param name="clock">The clock, for letting readings go.</param>
    public RecentReadings(int places = 256, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(places, 1);
        _places = new Entry?[places];
        _clock = clock ?? TimeProvider.System;

        // The timer holds this weakly: a collection of readings nobody uses any more is not kept alive by it.
        _sweep = _clock.CreateTimer(static state => (((WeakReference<RecentReadings<T>>)state!).TryGetTarget(out var readings) ? readings : null)?.LetOldReadingsGo(), new WeakReference<RecentReadings<T>>(this), KeepFor, KeepFor);
    }

    /// <summary>The reading of this text object, read now when it is not kept.</summary>
    /// <typeparam name="TReader">What reads it.</typeparam>
    /// <param name="text">The text.</param>
    /// <param name="reader">What reads it.</param>
    /// <param name="read">Reads it (static, so nothing is allocated for the call).</param>
    /// <returns>The reading.</returns>
    public T Get<TReader>(string text, TReader reader, Func<TReader, string, T> read)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(read);
        var place = (RuntimeHelpers.GetHashCode(text) & int.MaxValue) % _places.Length;
        var now = _clock.GetUtcNow().UtcTicks;
        if (Volatile.Read(ref _places[place]) is { } kept && ReferenceEquals(kept.Text, text) && now - kept.At < KeepFor.Ticks)
        {
            return kept.Reading;
        }

        var reading = read(reader, text);
        Volatile.Write(ref _places[place], new Entry(text, reading, now));
        return reading;
    }

    /// <inheritdoc/>
    public void Dispose() => _sweep.Dispose();

    /// <summary>Lets go of the readings made <see cref="KeepFor"/> ago or more (a timer does it as often).</summary>
    public void LetOldReadingsGo()
    {
        var now = _clock.GetUtcNow().UtcTicks;
        for (var i = 0; i < _places.Length; i++)
        {
            if (Volatile.Read(ref _places[i]) is { } kept && now - kept.At >= KeepFor.Ticks)
            {
                Interlocked.CompareExchange(ref _places[i], null, kept);
            }
        }
    }

    private sealed record Entry(string Text, T Reading, long At);
}
