using System.Globalization;
using System.Text.RegularExpressions;
using BackCare.Bot.Triage;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;

namespace BackCare.Bot.Understanding;

/// <summary>Reads an age range: "under 50", "50 or over", "I'm 62", "in my forties".</summary>
public static partial class AgeReader
{
    /// <summary>Reads the age band.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The band, or <c>null</c> when unclear.</returns>
    public static AgeBand? Read(string? text)
    {
        var said = TextNormalizer.Normalize(text);
        if (said.Length == 0)
        {
            return null;
        }

        if (Under().IsMatch(said))
        {
            return AgeBand.Under50;
        }

        if (Over().IsMatch(said))
        {
            return AgeBand.FiftyOrOver;
        }

        var decade = Decade().Match(said);
        if (decade.Success)
        {
            return decade.Groups["young"].Success ? AgeBand.Under50 : AgeBand.FiftyOrOver;
        }

        var numbers = NumberRecognizer.RecognizeNumber(said, Culture.English)
            .Select(r => r.Resolution?.TryGetValue("value", out var v) == true && decimal.TryParse(v?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null)
            .Where(n => n is >= 1 and <= 120)
            .ToList();
        return numbers.Count == 1 ? (numbers[0] >= 50 ? AgeBand.FiftyOrOver : AgeBand.Under50) : null;
    }

    [GeneratedRegex(@"\b(under|below|less\s+than|younger\s+than)\s+(50|fifty)\b|\bnot\s+(yet\s+)?50\b")]
    private static partial Regex Under();

    [GeneratedRegex(@"\b(50|fifty)\s+(or|and)\s+(over|above|older|more)\b|\b(over|above|older\s+than|more\s+than)\s+(50|fifty)\b|\b(50|fifty)\s*\+|\bpensioner\b|\bretired\b")]
    private static partial Regex Over();

    [GeneratedRegex(@"\b(?<young>teens|twenties|thirties|forties|[1-4]0s)\b|\b(fifties|sixties|seventies|eighties|nineties|[5-9]0s)\b")]
    private static partial Regex Decade();
}
