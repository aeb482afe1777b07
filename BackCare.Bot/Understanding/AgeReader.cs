using System.Globalization;
using System.Text.RegularExpressions;
using BackCare.Bot.Triage;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads an age band from "61", "I am 61 years", "born in 1960", "in my sixties", "late 40s", "70 or over",
/// "16 to 19". An answer that could fall either side of a line is read on the careful side (50 and 70 lean
/// older, and so does 65; 20 leans younger); one that could be under 16 or not is asked again.
/// </summary>
/// <param name="language">The language layer.</param>
public sealed partial class AgeReader(LanguageLayer language)
{
    /// <summary>Reads the age band.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="now">Today, for birth years.</param>
    /// <returns>The band and whether it was read from words (not a plain number or a button), or <c>null</c> when unclear.</returns>
    public (AgeBand Band, bool FromWords)? Read(string? text, DateTime now)
    {
        var said = language.Normalize(text).Plain;
        if (said.Length == 0 || NotAnAge().IsMatch(said))
        {
            // "about 3 weeks" answers another question.
            return null;
        }

        var range = BirthYear(said, now) ?? Bounded(said) ?? Decade(said) ?? Single(said);
        if (range is not (int low, int high) || low > high || high < 1 || low > 120)
        {
            return null;
        }

        return Band(low, high) is AgeBand band ? (band, !PlainNumber().IsMatch(said)) : null;
    }

    /// <summary>The band of an age range, leaning to care where it straddles a line.</summary>
    /// <param name="low">The youngest age it could be.</param>
    /// <param name="high">The oldest.</param>
    /// <returns>The band, or <c>null</c> when it could be under 16 or not.</returns>
    public static AgeBand? Band(int low, int high)
    {
        var young = Of(low);
        var old = Of(high);
        if (young == old)
        {
            return young;
        }

        if (young == AgeBand.Under16)
        {
            return null;
        }

        // Under 20 needs a doctor, so 19-or-20 leans young; 50, 65 and 70 add questions or close exercises, so those lean old.
        return young == AgeBand.From16To19 ? AgeBand.From16To19 : old;
    }

    private static AgeBand Of(int age) => age switch
    {
        < 16 => AgeBand.Under16,
        < 20 => AgeBand.From16To19,
        < 50 => AgeBand.From20To49,
        < 65 => AgeBand.From50To64,
        < 70 => AgeBand.From65To69,
        _ => AgeBand.SeventyOrOver,
    };

    private static (int, int)? BirthYear(string said, DateTime now)
    {
        var match = Born().Match(said);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        return year > now.Year ? null : (now.Year - year - 1, now.Year - year);
    }

    private static (int, int)? Bounded(string said)
    {
        var match = Range().Match(said);
        if (match.Success)
        {
            return (Int(match.Groups["a"].Value), Int(match.Groups["b"].Value));
        }

        match = Under().Match(said);
        if (match.Success)
        {
            return (1, Int(match.Groups["n"].Value) - 1);
        }

        match = OrOver().Match(said);
        if (match.Success)
        {
            return (Int(match.Groups["n"].Value), 120);
        }

        match = Over().Match(said);
        return match.Success ? (Int(match.Groups["n"].Value) + 1, 120) : null;
    }

    private (int, int)? Decade(string said)
    {
        var match = DecadePattern().Match(said);
        if (!match.Success)
        {
            return null;
        }

        var word = match.Groups["decade"].Value;
        int start;
        if (word.EndsWith('s') && word.Length == 3 && char.IsDigit(word[0]))
        {
            start = Int(word[..2]);
        }
        else if (!language.Lexicon.Decades.TryGetValue(word, out start))
        {
            return null;
        }

        var end = start == 13 ? 19 : start + 9;
        return match.Groups["part"].Value switch
        {
            "early" => (start, start + 3),
            "mid" or "middle" => (start + 3, start + 6),
            "late" => (start + 6, end),
            _ => (start, end),
        };
    }

    private static (int, int)? Single(string said)
    {
        var ages = NumberRecognizer.RecognizeNumber(said, Culture.English)
            .Select(r => r.Resolution?.TryGetValue("value", out var v) == true && decimal.TryParse(v?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null)
            .Where(n => n is >= 1 and <= 120)
            .Select(n => (int)n!.Value)
            .Distinct()
            .ToList();
        return ages.Count == 1 ? (ages[0], ages[0]) : null;
    }

    private static int Int(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(born|birth|dob|b)\b\D{0,12}?(?<year>(19|20)\d\d)\b|^(?<year>19\d\d)$")]
    private static partial Regex Born();

    [GeneratedRegex(@"\b(between\s+)?(?<a>\d{1,3})\s*(to|-|and)\s*(?<b>\d{1,3})\b")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(under|below|less\s+than|younger\s+than|not\s+yet)\s+(?<n>\d{1,3})\b")]
    private static partial Regex Under();

    [GeneratedRegex(@"\b(?<n>\d{1,3})\s*(or\s+(over|above|older|more)|and\s+(over|above|older)|plus|\+)")]
    private static partial Regex OrOver();

    [GeneratedRegex(@"\b(over|above|older\s+than|more\s+than)\s+(?<n>\d{1,3})\b")]
    private static partial Regex Over();

    [GeneratedRegex(@"\b((?<part>early|mid|middle|late)\s*-?\s*)?(?<decade>[a-z]+ies|teens|\d0s)\b")]
    private static partial Regex DecadePattern();

    [GeneratedRegex(@"\b\d+\s*(days?|weeks?|wks?|months?|mths?|hours?|kg|kilos?|lbs?|pounds?|out\s+of|/)\b")]
    private static partial Regex NotAnAge();

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex PlainNumber();
}
