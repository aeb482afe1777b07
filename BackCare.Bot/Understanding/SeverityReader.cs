using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads a pain score from 0 to 10: "7", "seven", "7/10", "seven out of ten", "6 or 7" (the higher), or words
/// ("mild", "pretty bad", "the worst ever"). Words map to the top of their band, and a half point rounds up:
/// when in doubt the reading leans towards care. Returns <c>null</c> when there is no score in 0–10.
/// </summary>
public static partial class SeverityReader
{
    // Checked in order: longer and negated phrases before the words inside them ("not bad" before "bad").
    private static readonly (Regex Pattern, int Score)[] Words =
    [
        (new Regex(@"\b(no\s+pain|pain\s*free|doesn'?t\s+hurt|none)\b", RegexOptions.Compiled), 0),
        (new Regex(@"\bworst\b|\b(10|ten)\s+out\s+of\s+(10|ten)\b|\bunbearable\b|\bcan'?t\s+bear\b", RegexOptions.Compiled), 10),
        (new Regex(@"\b(excruciating|agony|agonising|agonizing|crippling|screaming)\b", RegexOptions.Compiled), 9),
        (new Regex(@"\bnot\s+(too|that|so|very|really)?\s*bad\b|\b(mild|slight|slightly|minor|a\s+little|a\s+bit|little\s+bit|niggl\w*|bearable|tolerable|light|low)\b", RegexOptions.Compiled), 3),
        (new Regex(@"\b(moderate|medium|middling|so-so|so\s+so|manageable|average|in\s+the\s+middle|fairly|quite\s+sore|sore)\b", RegexOptions.Compiled), 6),
        (new Regex(@"\b(very|really|extremely|terribly|super)\s+(bad|painful|sore)\b|\b(severe|terrible|awful|horrible|horrendous|intense|extreme)\b", RegexOptions.Compiled), 8),
        (new Regex(@"\b(hurts|hurting|aches|aching)\s+(a\s+lot|loads|so\s+much|badly|like\s+hell)\b", RegexOptions.Compiled), 8),
        (new Regex(@"\b(pretty|quite|rather)\s+(bad|painful)\b|\bbad\b|\bhigh\b|\bstrong\b|\ba\s+lot\b", RegexOptions.Compiled), 7),
        (new Regex(@"\b(painful|hurts|aches|achy|uncomfortable)\b", RegexOptions.Compiled), 6),
    ];

    /// <summary>Builds the number recogniser's regexes now, off the request path.</summary>
    public static void WarmUp() => _ = Read("seven");

    /// <summary>Reads a pain score.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The score 0–10, or <c>null</c>.</returns>
    public static int? Read(string? text)
    {
        var said = TextNormalizer.Normalize(text);
        if (said.Length == 0)
        {
            return null;
        }

        var numbers = Numbers(said);
        if (numbers.Count > 0)
        {
            // "6 or 7", "between 6 and 7": the higher; "8 out of 10": drop the scale itself.
            var scores = numbers.Where(n => n is >= 0 and <= 10).ToList();
            if (scores.Count == 0 || numbers.Any(n => n > 10 && !OutOfTen(said, n)))
            {
                return null;
            }

            return (int)Math.Ceiling(scores.Max());
        }

        foreach (var (pattern, score) in Words)
        {
            if (pattern.IsMatch(said))
            {
                return score;
            }
        }

        return null;
    }

    private static List<decimal> Numbers(string said)
    {
        var scale = OutOfTenPattern().Match(said);
        if (scale.Success)
        {
            // "7/10", "7 out of 10" and "seven out of ten" would otherwise be read as the fraction 0.7.
            var head = said[..scale.Index] + " " + scale.Groups["score"].Value;
            said = head;
        }

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

    private static bool OutOfTen(string said, decimal number) => number == 10 && OutOfTenPattern().IsMatch(said);

    [GeneratedRegex(@"(?<score>\b[\w.]+)\s*(/|out\s+of|outta|of)\s*(10|ten)\b")]
    private static partial Regex OutOfTenPattern();
}
