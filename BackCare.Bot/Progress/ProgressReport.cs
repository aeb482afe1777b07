using System.Globalization;
using BackCare.Bot.Content;
using BackCare.Bot.Hosting;

namespace BackCare.Bot.Progress;

/// <summary>The progress, in the content files' words and as a chart.</summary>
/// <param name="Text">The trend, the next routine's dose and any advice to see a doctor, in words.</param>
/// <param name="Chart">The chart as a PNG; <c>null</c> when there is nothing to draw.</param>
/// <param name="ChartName">The chart's file name and description.</param>
public sealed record ProgressView(string Text, byte[]? Chart, string ChartName);

/// <summary>Tells a person how their pain has gone over their sessions, in words and as a chart.</summary>
/// <param name="chart">The chart drawer.</param>
/// <param name="text">The bot's words.</param>
/// <param name="logger">The log (never the person's data).</param>
public sealed class ProgressReport(PainChart chart, BotText text, ILogger<ProgressReport> logger)
{
    /// <summary>Describes the sessions.</summary>
    /// <param name="sessions">The sessions, oldest first.</param>
    /// <returns>The words and the chart.</returns>
    public ProgressView Describe(IReadOnlyList<RoutineSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var assessment = Progression.Assess(sessions);
        if (assessment is null)
        {
            return new ProgressView(text["progress.none"], null, text["chart.name"]);
        }

        var last = sessions[^1];
        var lines = new List<string>
        {
            assessment.Trend switch
            {
                Trend.FirstSession => text.Format(
                    "progress.first",
                    ("date", last.Date.UtcDateTime.ToString(text["chart.dateFormat"], CultureInfo.InvariantCulture)),
                    ("before", last.PainBefore),
                    ("after", last.PainAfter is int after ? after.ToString(CultureInfo.InvariantCulture) : text["progress.notAsked"])),
                Trend.Falling => text.Format("progress.falling", ("first", assessment.First), ("last", assessment.Last), ("count", assessment.Sessions)),
                Trend.Rising => text.Format("progress.rising", ("first", assessment.First), ("last", assessment.Last), ("count", assessment.Sessions)),
                Trend.Steady => text.Format("progress.steady", ("last", assessment.Last), ("count", assessment.Sessions)),
                _ => throw new InvalidOperationException($"Unknown trend {assessment.Trend}."),
            },
        };

        if (assessment.Trend != Trend.FirstSession || assessment.Change != 0)
        {
            lines.Add(assessment.Change switch
            {
                > 0 => text["progress.next.up"],
                < 0 => text["progress.next.down"],
                _ => text["progress.next.same"],
            });
        }

        if (assessment.Doctor is DoctorReason reason)
        {
            lines.Add(text["progress.doctor." + reason]);
        }

        var words = new ChartWords(text["chart.title"], text["chart.yLabel"], text["chart.before"], text["chart.after"], text["chart.dateFormat"]);
        byte[]? png = null;
        try
        {
            png = chart.Render(sessions, words);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The words carry everything the chart shows: nothing is lost without it.
            logger.ChartFailed(ex.GetType().Name);
        }

        return new ProgressView(string.Join("\n\n", lines), png, text["chart.name"]);
    }
}
