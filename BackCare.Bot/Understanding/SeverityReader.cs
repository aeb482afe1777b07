using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads a pain score from 0 to 10: "7", "seven", "7/10", "nine over ten", "8 out of 10", "6 or 7" (the higher),
/// or words and the NHS descriptions from the lexicon ("mild", "very sore", "so bad I can't get out of bed").
/// Words map to the top of their band and a half point rounds up: when in doubt the reading leans towards care.
/// </summary>
/// <param name="language">The language layer.</param>
public sealed partial class SeverityReader(LanguageLayer language)
{
    /// <summary>Builds the number recogniser's regexes now, off the request path.</summary>
    public void WarmUp() => _ = Read("seven");

    /// <summary>Reads a pain score.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The score 0–10 and whether it was read from words, or <c>null</c>.</returns>
    public (int Score, bool FromWords)? Read(string? text)
    {
        var utterance = language.Normalize(text);
        if (utterance.IsEmpty)
        {
            return null;
        }

        var said = utterance.Plain;
        var numbers = Numbers(said);
        if (numbers.Count > 0)
        {
            var scores = numbers.Where(n => n is >= 0 and <= 10).ToList();
            if (scores.Count == 0 || numbers.Any(n => n > 10))
            {
                return null;
            }

            return ((int)Math.Ceiling(scores.Max()), !PlainNumber().IsMatch(said));
        }

        var best = (Score: -1, Length: 0);
        foreach (var (score, pattern) in language.Lexicon.Severity)
        {
            foreach (var (start, end) in LanguageLayer.Spans(pattern, utterance))
            {
                var length = end - start;
                if (length > best.Length || (length == best.Length && score > best.Score))
                {
                    best = (score, length);
                }
            }
        }

        return best.Score >= 0 ? (best.Score, true) : null;
    }

    private static List<decimal> Numbers(string said)
    {
        // A number alone, the usual answer, read as the recogniser reads it (a test holds the two together): the
        // recogniser is made anew for every call.
        if (said.Length is > 0 and <= 3 && int.TryParse(said, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return [plain];
        }

        // "On a scale of 1 to 10, a 6": the scale is not the score. "7/10", "nine over ten": the score, not 0.7.
        said = Scale().Replace(said, " ");
        said = OutOfTen().Replace(said, m => $"{m.Groups["score"].Value} ");
        var values = new List<decimal>();
        foreach (var result in NumberRecognizer.RecognizeNumber(said, Culture.English))
        {
            if (result.Resolution?.TryGetValue("value", out var raw) == true
                && decimal.TryParse(raw?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values.Add(value);
            }
        }

        return values;
    }

    [GeneratedRegex(@"(?<score>\b[\w.]+)\s*(/|out\s+of|outta|of|over|in)\s*(10|ten)\b")]
    private static partial Regex OutOfTen();

    [GeneratedRegex(@"\bscale\s+(of\s+|from\s+)?(0|1|one|zero)\s*(to|-)\s*(10|ten)\b")]
    private static partial Regex Scale();

    [GeneratedRegex(@"^\d+(\.\d+)?(\s*(/|out of|over)\s*10)?$")]
    private static partial Regex PlainNumber();
}
