using BackCare.Bot.Hosting;

namespace BackCare.Bot.Tests.Hosting;

/// <summary>The map behind the copies kept between turns: its cheap count is what bounds them.</summary>
public class CountedMapTests
{
    [Fact]
    public void The_count_stays_equal_to_the_entries_when_setting_and_removing_one_key_race()
    {
        // Found in review: "add, else replace" in two steps added an entry uncounted when another thread removed
        // it in between, so the count drifted below the entries and the bound on them stopped working.
        var sut = new CountedMap<object>();
        var value = new object();
        using var start = new Barrier(3);
        var setter = new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 200_000; i++)
            {
                sut.Set("c/1", value);
            }
        });
        var remover = new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 200_000; i++)
            {
                sut.TryRemove("c/1", out _);
            }
        });
        setter.Start();
        remover.Start();
        start.SignalAndWait();
        setter.Join();
        remover.Join();

        Assert.Equal(sut.ToList().Count, sut.Count);
    }

    [Fact]
    public void Set_replaces_and_clear_empties()
    {
        var sut = new CountedMap<string>();
        sut.Set("a", "1");
        sut.Set("a", "2");
        sut.Set("b", "3");

        Assert.Equal(2, sut.Count);
        Assert.True(sut.TryGet("a", out var a));
        Assert.Equal("2", a);

        sut.Clear();
        Assert.Equal(0, sut.Count);
        Assert.Empty(sut);
    }

    [Fact]
    public void Old_entries_go_once_a_minute_and_the_older_half_whenever_it_is_full()
    {
        var sut = new CountedMap<string>();
        var start = Environment.TickCount64;
        static long SetAt(string value) => long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        sut.Set("old", (start - 200_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        sut.Set("new", start.ToString(System.Globalization.CultureInfo.InvariantCulture));

        sut.LetOldGo(SetAt, start, keepForMs: 180_000, max: 100);
        Assert.True(sut.TryGet("old", out _)); // the first sweep waits a minute

        sut.LetOldGo(SetAt, start + 61_000, keepForMs: 180_000, max: 100);
        Assert.Equal(["new"], sut.Select(e => e.Key));

        for (var i = 1; i <= 3; i++)
        {
            sut.Set($"k{i}", (start + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        sut.LetOldGo(SetAt, start + 62_000, keepForMs: 180_000, max: 4);
        Assert.Equal(["k2", "k3"], sut.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, sut.Count);
    }
}
