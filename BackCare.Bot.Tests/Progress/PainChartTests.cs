using BackCare.Bot.Progress;
using BackCare.Bot.Tests.Support;

namespace BackCare.Bot.Tests.Progress;

/// <summary>The chart, checked against the data: each session's points are drawn in their series' colour where the data puts them.</summary>
public class PainChartTests
{
    private static readonly string Font = Path.Combine(SolutionPaths.BotProject, "Progress", "Fonts", "DejaVuSans.ttf");
    private static readonly ChartWords Words = new("Your pain", "Pain (0 to 10)", "Before", "After", "d MMM");
    private static readonly DateTimeOffset Day1 = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    public static List<RoutineSession> ThreeDays() =>
    [
        new(Day1, 6, 4, [], [], SessionEnd.Finished),
        new(Day1.AddDays(1), 5, 3, [], [], SessionEnd.Finished),
        new(Day1.AddDays(2), 4, 2, [], [], SessionEnd.Finished),
    ];

    /// <summary>Where a point should be, from the chart's published layout and the data alone.</summary>
    public static (int X, int Y) PixelOf(IReadOnlyList<RoutineSession> sessions, DateTimeOffset date, int pain)
    {
        var first = sessions.Min(s => s.Date) - PainChart.DateMargin;
        var last = sessions.Max(s => s.Date) + PainChart.DateMargin;
        var plotWidth = PainChart.Width - PainChart.Left - PainChart.Right;
        var plotHeight = PainChart.Height - PainChart.Top - PainChart.Bottom;
        var x = PainChart.Left + ((date - first) / (last - first) * plotWidth);
        var y = PainChart.Top + ((10 + PainChart.PainMargin - pain) / (10 + (2 * PainChart.PainMargin)) * plotHeight);
        return ((int)Math.Round(x), (int)Math.Round(y));
    }

    /// <summary>Whether a pixel close to the colour is within a few pixels of a point.</summary>
    public static bool ColourNear(Png png, (int X, int Y) at, (byte R, byte G, byte B) colour, int radius = 3)
    {
        for (var dy = -radius; dy <= radius; dy++)
        {
            for (var dx = -radius; dx <= radius; dx++)
            {
                var (r, g, b, a) = png.Pixel(at.X + dx, at.Y + dy);
                if (a > 200 && Math.Abs(r - colour.R) <= 24 && Math.Abs(g - colour.G) <= 24 && Math.Abs(b - colour.B) <= 24)
                {
                    return true;
                }
            }
        }

        return false;
    }

    [Fact]
    public void The_chart_is_a_png_of_the_published_size_with_every_point_where_the_data_puts_it()
    {
        var sessions = ThreeDays();

        var bytes = new PainChart(Font).Render(sessions, Words);
        var png = Png.Read(bytes);

        Assert.Equal((PainChart.Width, PainChart.Height), (png.Width, png.Height));
        Assert.Equal(6, png.ColorType);
        Assert.All(sessions, s =>
        {
            Assert.True(ColourNear(png, PixelOf(sessions, s.Date, s.PainBefore), PainChart.BeforeColor), $"no 'before' point at {s.Date:d} pain {s.PainBefore}");
            Assert.True(ColourNear(png, PixelOf(sessions, s.Date, s.PainAfter!.Value), PainChart.AfterColor), $"no 'after' point at {s.Date:d} pain {s.PainAfter}");
        });
    }

    [Fact]
    public void Where_the_data_has_no_point_neither_series_is_drawn()
    {
        var sessions = ThreeDays();

        var png = Png.Read(new PainChart(Font).Render(sessions, Words));

        var empty = PixelOf(sessions, Day1, 9);
        Assert.False(ColourNear(png, empty, PainChart.BeforeColor));
        Assert.False(ColourNear(png, empty, PainChart.AfterColor));
        Assert.False(ColourNear(png, PixelOf(sessions, Day1.AddDays(2), 0), PainChart.BeforeColor));
    }

    [Fact]
    public void A_session_without_a_score_after_draws_only_its_score_before()
    {
        List<RoutineSession> sessions = [new(Day1, 3, 2, [], [], SessionEnd.Finished), new(Day1.AddDays(1), 5, null, [], [], SessionEnd.Hurt)];

        var png = Png.Read(new PainChart(Font).Render(sessions, Words));

        Assert.True(ColourNear(png, PixelOf(sessions, Day1.AddDays(1), 5), PainChart.BeforeColor));
        Assert.True(ColourNear(png, PixelOf(sessions, Day1, 2), PainChart.AfterColor));
    }

    [Fact]
    public void A_chart_needs_a_session_and_a_font()
    {
        Assert.Throws<ArgumentException>(() => new PainChart(Font).Render([], Words));
        Assert.Throws<InvalidDataException>(() => new PainChart(Path.Combine(Path.GetTempPath(), "no-such-font.ttf")));
    }

    [Fact]
    public void A_file_that_is_not_a_font_stops_the_start_not_the_first_chart()
    {
        var notAFont = Path.Combine(Path.GetTempPath(), $"backcare-not-a-font-{Guid.NewGuid():N}.ttf");
        File.WriteAllText(notAFont, "<html>not a font</html>");
        try
        {
            var refused = Assert.Throws<InvalidDataException>(() => new PainChart(notAFont));
            Assert.Contains(notAFont, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notAFont);
        }
    }
}
