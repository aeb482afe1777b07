using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Understanding;

/// <summary>The latest messages' readings: each text object gets its own reading, however many texts come and go.</summary>
public class RecentReadingsTests
{
    [Fact]
    public async Task Every_text_gets_its_own_reading_from_many_callers_and_the_same_object_is_read_once()
    {
        var sut = new RecentReadings<string>(places: 16);
        var reads = 0;
        var texts = Enumerable.Range(0, 5_000).Select(i => $"message {i}").ToArray();

        var wrong = await Task.WhenAll(Enumerable.Range(0, 4).Select(caller => Task.Run(() =>
            texts.Count(t => !string.Equals(sut.Get(t, caller, (_, x) => x + "|read"), t + "|read", StringComparison.Ordinal)))));

        var once = "where does it hurt";
        Assert.Same(sut.Get(once, 0, (_, x) => { reads++; return x + "!"; }), sut.Get(once, 0, (_, x) => { reads++; return x + "?"; }));
        Assert.Equal(1, reads);
        var equalButNotTheSame = new string(once.AsSpan());
        Assert.Equal(once + "?", sut.Get(equalButNotTheSame, 0, (_, x) => x + "?"));
        Assert.All(wrong, w => Assert.Equal(0, w));
    }
}
