using System.Runtime.CompilerServices;

namespace BackCare.Bot.Understanding;

/// <summary>
/// The readings of the latest messages, found by the message's text object itself: a turn's readers all read the
/// activity's text, so the first reads it and the others find the reading (a reading is a pure function of the
/// text). A fixed number of places, each holding the last text that fell there; a text pushed out is only read
/// again. Not a weak table: its entries are GC handles, and at thousands of messages a second the collector had
/// hundreds of thousands of them to trace on every collection.
/// </summary>
/// <typeparam name="T">What a reading is.</typeparam>
/// <param name="places">How many readings are kept.</param>
public sealed class RecentReadings<T>(int places = 256)
    where T : class
{
    private readonly Entry?[] _places = new Entry?[places];

    /// <summary>The reading of this text object, read now when it is not kept.</summary>
    /// <typeparam name="TReader">What reads it.</typeparam>
    /// <param name="text">The text.</param>
    /// <param name="reader">What reads it.</param>
    /// <param name="read">Reads it (static, so nothing is allocated for the call).</param>
    /// <returns>The reading.</returns>
    public T Get<TReader>(string text, TReader reader, Func<TReader, string, T> read)
    {
        var place = (RuntimeHelpers.GetHashCode(text) & int.MaxValue) % _places.Length;
        if (Volatile.Read(ref _places[place]) is { } kept && ReferenceEquals(kept.Text, text))
        {
            return kept.Reading;
        }

        var reading = read(reader, text);
        Volatile.Write(ref _places[place], new Entry(text, reading));
        return reading;
    }

    private sealed record Entry(string Text, T Reading);
}
