using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>Reads where the back pain is: the lower back, the upper back (between the shoulder blades), or both.</summary>
/// <param name="language">The language layer.</param>
public sealed class LocationReader(LanguageLayer language)
{
    /// <summary>Reads the site.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The site, or <c>null</c> when unclear.</returns>
    public PainSite? Read(string? text)
    {
        var analysis = language.Analyse(text);
        bool Said(string concept) => analysis.Mentions.Any(m => m.Concept == concept && m.Affirmed);
        var upper = Said("UpperBackPain");
        var lower = Said("LowerBack");
        if ((upper && lower) || Said("BothSides") || (Said("WholeBack")))
        {
            return PainSite.Both;
        }

        if (upper || lower)
        {
            return upper ? PainSite.Upper : PainSite.Lower;
        }

        // At this question a bare "upper" or "the bottom" says where, though it would mean nothing elsewhere.
        var upperWord = Said("SiteUpper");
        var lowerWord = Said("SiteLower");
        return (upperWord, lowerWord) switch
        {
            (true, true) => PainSite.Both,
            (true, false) => PainSite.Upper,
            (false, true) => PainSite.Lower,
            _ => null,
        };
    }
}
