using System.Text.RegularExpressions;
using BackCare.Bot.Triage;
using BackCare.Dialogs;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads yes, no or not sure: "yeah", "a little", "I think so" are yes; "nope", "not really", "no numbness"
/// are no; "not sure", "I don't know", "maybe" are not sure. Anything else is unclear (<c>null</c>).
/// </summary>
public static partial class AnswerReader
{
    /// <summary>Reads an answer.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The answer, or <c>null</c> when it is unclear.</returns>
    public static Answer? Read(string? text)
    {
        var said = TextNormalizer.Normalize(text);
        if (said.Length == 0)
        {
            return null;
        }

        if (NotSure().IsMatch(said))
        {
            return Answer.NotSure;
        }

        if (SoftNo().IsMatch(said))
        {
            return Answer.No;
        }

        switch (YesNo.Read(said))
        {
            case true:
                return Answer.Yes;
            case false:
                return Answer.No;
        }

        return SoftYes().IsMatch(said) ? Answer.Yes : null;
    }

    [GeneratedRegex(@"\b(not\s+(sure|certain)|unsure|uncertain|don'?t\s+know|do\s+not\s+know|dunno|no\s+idea|maybe|perhaps|possibly|might\s+(be|have)|can'?t\s+(tell|say|remember)|hard\s+to\s+(say|tell)|i\s+guess)\b|\bidk\b|^\?+$")]
    private static partial Regex NotSure();

    [GeneratedRegex(@"^(nothing|none|neither|nothing\s+like\s+that|no\s+\w+(\s+\w+)?|none\s+of\s+(those|them|these|that)|not\s+at\s+all|probably\s+not|i\s+don'?t\s+think\s+so|don'?t\s+think\s+so|i\s+don'?t|i\s+do\s+not|not\s+that\s+i'?ve\s+noticed|not\s+that\s+i\s+know\s+of|not\s+really|haven'?t\s+noticed(\s+any(thing)?)?|i\s+haven'?t\s+noticed(\s+any(thing)?)?|not\s+as\s+far\s+as\s+i\s+(know|can\s+tell))[.!]*$")]
    private static partial Regex SoftNo();

    [GeneratedRegex(@"\b(a\s+little|a\s+bit|slightly|sometimes|occasionally|now\s+and\s+then|at\s+times|from\s+time\s+to\s+time|on\s+and\s+off|kind\s+of|sort\s+of|kinda|i\s+think\s+so|think\s+so|probably|it\s+does|a\s+lot|definitely|some|yes\s+i\s+have|i\s+have)\b")]
    private static partial Regex SoftYes();
}
