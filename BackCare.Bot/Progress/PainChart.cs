using System.Globalization;
using ScottPlot;

namespace BackCare.Bot.Progress;

/// <summary>The chart's words, from the content files.</summary>
/// <param name="Title">The title.</param>
/// <param name="YLabel">The pain axis's label.</param>
/// <param name="Before">The legend of the pain before each session.</param>
/// <param name="After">The legend of the pain after each session.</param>
/// <param name="DateFormat">How a session's date is written under its point (a .NET date format).</param>
public sealed record ChartWords(string Title, string YLabel, string Before, string After, string DateFormat);

/// <summary>
/// Draws the pain before and after each session as a PNG, on the server, with ScottPlot (SkiaSharp, with its
/// self-contained native library and the DejaVu Sans font shipped next to the assembly, so no system fonts or
/// libraries are needed). One point per session, by date, on a 0–10 axis; sized to read at phone width. The
/// plotting area has fixed margins, so a point's pixel follows from the data alone (<see cref="Left"/> ...).
/// </summary>
public sealed class PainChart
{
    /// <summary>The image's width in pixels.</summary>
    public const int Width = 480;

    /// <summary>The image's height in pixels.</summary>
    public const int Height = 320;

    /// <summary>The margin left of the plotting area, for the pain axis.</summary>
    public const int Left = 56;

    /// <summary>The margin right of the plotting area.</summary>
    public const int Right = 16;

    /// <summary>The margin above the plotting area, for the title and legend.</summary>
    public const int Top = 40;

    /// <summary>The margin below the plotting area, for the dates.</summary>
    public const int Bottom = 40;

    /// <summary>The pain axis runs from a little under 0 to a little over 10, so points at 0 and 10 are whole.</summary>
    public const double PainMargin = 0.5;

    /// <summary>The date axis runs from half a day before the first session to half a day after the last.</summary>
    public static readonly TimeSpan DateMargin = TimeSpan.FromHours(12);

    /// <summary>The colour of the pain before each session (#1F77B4, blue).</summary>
    public static readonly (byte R, byte G, byte B) BeforeColor = (0x1F, 0x77, 0xB4);

    /// <summary>The colour of the pain after each session (#E0600B, orange).</summary>
    public static readonly (byte R, byte G, byte B) AfterColor = (0xE0, 0x60, 0x0B);

    private const string FontName = "DejaVu Sans";
    private static readonly Lock FontLock = new();
    private static bool _fontAdded;
    private readonly string _fontPath;

    /// <summary>
    /// Initializes a new instance of the <see cref="PainChart"/> class. The font file is checked now (a missing or
    /// unreadable font stops the start); it is handed to ScottPlot at the first chart, because ScottPlot's font
    /// set-up looks through every system font, which is slow and leaves native objects to finalize.
    /// </summary>
    /// <param name="fontPath">The TrueType font to draw text with.</param>
    public PainChart(string fontPath)
    {
        if (!File.Exists(fontPath))
        {
            throw new InvalidDataException($"The chart font was not found at '{fontPath}'.");
        }

        Span<byte> header = stackalloc byte[4];
        using (var font = File.OpenRead(fontPath))
        {
            if (font.ReadAtLeast(header, 4, throwOnEndOfStream: false) < 4 || !IsFont(header))
            {
                throw new InvalidDataException($"The chart font at '{fontPath}' is not a TrueType or OpenType font.");
            }
        }

        _fontPath = fontPath;
    }

    /// <summary>A TrueType (0x00010000 or "true") or OpenType ("OTTO") font file starts so.</summary>
    private static bool IsFont(ReadOnlySpan<byte> header)
        => header.SequenceEqual((byte[])[0x00, 0x01, 0x00, 0x00]) || header.SequenceEqual("true"u8) || header.SequenceEqual("OTTO"u8);

    private static void AddFont(string fontPath)
    {
        lock (FontLock)
        {
            if (!_fontAdded)
            {
                Fonts.AddFontFile(FontName, fontPath, bold: false, italic: false);
                Fonts.AddFontFile(FontName, fontPath, bold: true, italic: false);
                _fontAdded = true;
            }
        }
    }

    /// <summary>The font shipped next to the assembly.</summary>
    public static string ShippedFont => Path.Combine(AppContext.BaseDirectory, "Progress", "Fonts", "DejaVuSans.ttf");

    /// <summary>Draws the chart.</summary>
    /// <param name="sessions">The sessions, oldest first; at least one.</param>
    /// <param name="words">The chart's words.</param>
    /// <returns>The PNG's bytes.</returns>
    public byte[] Render(IReadOnlyList<RoutineSession> sessions, ChartWords words)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(words);
        if (sessions.Count == 0)
        {
            throw new ArgumentException("A chart needs at least one session.", nameof(sessions));
        }

        AddFont(_fontPath);
        var plot = new Plot();
        try
        {
            plot.Font.Set(FontName);
            plot.Layout.Fixed(new PixelPadding(Left, Right, Bottom, Top));
            plot.Title(words.Title, size: 16);
            plot.YLabel(words.YLabel, size: 13);

            var xs = sessions.Select(s => X(s.Date)).ToArray();
            var before = plot.Add.Scatter(xs, sessions.Select(s => (double)s.PainBefore).ToArray());
            Style(before, BeforeColor, words.Before);
            var withAfter = sessions.Where(s => s.PainAfter is not null).ToList();
            if (withAfter.Count > 0)
            {
                var after = plot.Add.Scatter(withAfter.Select(s => X(s.Date)).ToArray(), withAfter.Select(s => (double)s.PainAfter!.Value).ToArray());
                Style(after, AfterColor, words.After);
            }

            var (xMin, xMax) = XLimits(sessions);
            plot.Axes.SetLimits(xMin, xMax, -PainMargin, 10 + PainMargin);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, 6).Select(i => i * 2.0).ToArray(),
                Enumerable.Range(0, 6).Select(i => (i * 2).ToString(CultureInfo.InvariantCulture)).ToArray());
            // A date under the first session of each day, at most six of them so they stay readable on a phone.
            var days = sessions.GroupBy(s => s.Date.UtcDateTime.Date).Select(g => g.Min(s => s.Date)).ToList();
            var every = Math.Max(1, (int)Math.Ceiling(days.Count / 6.0));
            var labelled = days.Where((_, i) => i % every == 0).ToList();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                labelled.Select(X).ToArray(),
                labelled.Select(d => d.UtcDateTime.ToString(words.DateFormat, CultureInfo.InvariantCulture)).ToArray());
            plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
            plot.Axes.Left.TickLabelStyle.FontSize = 12;
            plot.Legend.IsVisible = true;
            plot.Legend.Alignment = Alignment.UpperRight;
            plot.Legend.FontSize = 12;
            return plot.GetImageBytes(Width, Height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    /// <summary>Where a date goes on the x axis (days, as an OLE date).</summary>
    /// <param name="date">The date.</param>
    /// <returns>The x value.</returns>
    public static double X(DateTimeOffset date) => date.UtcDateTime.ToOADate();

    /// <summary>The x axis's limits for a set of sessions.</summary>
    /// <param name="sessions">The sessions.</param>
    /// <returns>The first and last x value shown.</returns>
    public static (double Min, double Max) XLimits(IReadOnlyList<RoutineSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var first = sessions.Min(s => s.Date);
        var last = sessions.Max(s => s.Date);
        return (X(first - DateMargin), X(last + DateMargin));
    }

    private static void Style(ScottPlot.Plottables.Scatter scatter, (byte R, byte G, byte B) color, string legend)
    {
        scatter.Color = new Color(color.R, color.G, color.B);
        scatter.LineWidth = 2;
        scatter.MarkerSize = 10;
        scatter.MarkerShape = MarkerShape.FilledCircle;
        scatter.LegendText = legend;
    }
}
