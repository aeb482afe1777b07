using System.Runtime.CompilerServices;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Understanding;

/// <summary>What a person typed is not kept in memory by the readers for long after it was read.</summary>
public class RecentReadingsRetentionTests
{
    [Fact]
    public void A_message_and_its_reading_are_let_go_once_kept_long_enough()
    {
        // Found in review: the places held the last messages until others pushed them out (on a quiet host, for ever).
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        using var sut = new RecentReadings<string>(places: 64, clock);
        var text = ReadAMessage(sut);

        clock.Advance(RecentReadings<string>.KeepFor);
        sut.LetOldReadingsGo(); // what its timer does as often
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(text.IsAlive, "the message text stays in the reader's places");
    }

    [Fact]
    public void A_reading_older_than_the_keeping_time_is_made_again()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        using var sut = new RecentReadings<string>(places: 64, clock);
        var text = new string("my leg is numb".AsSpan());
        var reads = 0;

        sut.Get(text, 0, (_, t) => { reads++; return t; });
        sut.Get(text, 0, (_, t) => { reads++; return t; });
        clock.Advance(RecentReadings<string>.KeepFor);
        sut.Get(text, 0, (_, t) => { reads++; return t; });

        Assert.Equal(2, reads);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ReadAMessage(RecentReadings<string> readings)
    {
        // A fresh string, as an activity's text deserialized from a request is.
        var text = new string("I fell and now I cannot feel my legs".AsSpan());
        Assert.Equal(text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), readings.Get(text, 0, (_, t) => t.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new WeakReference(text);
    }
}
