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

        return upper ? PainSite.Upper : lower ? PainSite.Lower : null;
    }
}
