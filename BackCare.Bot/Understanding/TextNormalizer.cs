using System.Text.RegularExpressions;

namespace BackCare.Bot.Understanding;

/// <summary>Puts typed text into one form for the readers: lower case, straight apostrophes, single spaces.</summary>
public static partial class TextNormalizer
{
    /// <summary>Normalises <paramref name="text"/>.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The normalised text; empty for <c>null</c>.</returns>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var lowered = text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'').Replace('–', '-').Replace('—', '-');
        return Spaces().Replace(lowered, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
