using System.Text.RegularExpressions;
using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads answers about the legs: "my left leg" (one), "both" (both), "down to my foot" (below the knee),
/// "just the thigh" (above it), and any yes / no / not sure said with them.
/// </summary>
public static partial class LegReader
{
    /// <summary>Reads a leg answer.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The reading; parts not said are <c>null</c>.</returns>
    public static LegReading Read(string? text)
    {
        var said = TextNormalizer.Normalize(text);
        var which = ReadWhich(said);
        var belowKnee = ReadBelowKnee(said);
        var present = AnswerReader.Read(said);
        if (present is null && (which is not null || belowKnee is not null))
        {
            // Naming a leg or a place on it says yes.
            present = Answer.Yes;
        }

        if (present == Answer.No && (Left().IsMatch(said) || Right().IsMatch(said) || One().IsMatch(said)))
        {
            // "no, only the left one" still names a leg: trust the detail, the more careful reading.
            present = Answer.Yes;
        }

        return new LegReading(present, which, belowKnee);
    }

    /// <summary>Reads which legs, alone.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>One, both, not sure, or <c>null</c> when the text does not say.</returns>
    public static Legs? ReadWhich(string? text)
    {
        var said = TextNormalizer.Normalize(text);
        if (said.Length == 0)
        {
            return null;
        }

        var left = Left().IsMatch(said);
        var right = Right().IsMatch(said);
        if (Both().IsMatch(said) || (left && right))
        {
            return Legs.Both;
        }

        if (left || right || One().IsMatch(said))
        {
            return Legs.One;
        }

        return AnswerReader.Read(said) == Answer.NotSure ? Legs.NotSure : null;
    }

    /// <summary>Reads whether something goes below the knee, alone.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>Yes, no, not sure, or <c>null</c> when the text does not say.</returns>
    public static Answer? ReadBelowKnee(string? text)
    {
        var said = TextNormalizer.Normalize(text);
        if (BelowKnee().IsMatch(said))
        {
            return Answer.Yes;
        }

        return AboveKnee().IsMatch(said) ? Answer.No : null;
    }

    [GeneratedRegex(@"\b(both|two|all\s+two|either\s+side|each\s+side|each\s+leg|both\s+sides|legs)\b")]
    private static partial Regex Both();

    [GeneratedRegex(@"\bleft\b")]
    private static partial Regex Left();

    [GeneratedRegex(@"\bright\s+(leg|side|one|thigh|calf|foot|hip|buttock)\b|^right\b|\bthe\s+right\b|\bmy\s+right\b")]
    private static partial Regex Right();

    [GeneratedRegex(@"\b(one\s+(leg|side)|a\s+leg|single\s+leg|just\s+one|only\s+one)\b")]
    private static partial Regex One();

    [GeneratedRegex(@"\b(below\s+(the|my)?\s*knees?|under\s+(the|my)?\s*knees?|past\s+(the|my)?\s*knees?|beyond\s+(the|my)?\s*knees?|lower\s+legs?|shins?|calf|calves|ankles?|foot|feet|toes?|heels?|sole)\b|\ball\s+the\s+way\s+down\b")]
    private static partial Regex BelowKnee();

    [GeneratedRegex(@"\b(thighs?|hips?|buttocks?|bum|butt|glutes?|above\s+(the|my)?\s*knees?|to\s+(the|my)\s+knees?|down\s+to\s+(the|my)\s+knees?|upper\s+legs?|groin|only\s+the\s+top)\b")]
    private static partial Regex AboveKnee();
}
