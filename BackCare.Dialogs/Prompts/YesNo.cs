using System.Text.RegularExpressions;

namespace BackCare.Dialogs;

/// <summary>
/// Reads a natural yes or no: "yeah", "sure", "of course" are yes; "nope", "not really", "definitely not" are no.
/// An answer that says both, or neither ("not sure"), is not understood, so the caller asks again.
/// </summary>
public static partial class YesNo
{
    /// <summary>Reads <paramref name="text"/> as yes (<c>true</c>), no (<c>false</c>) or neither (<c>null</c>).</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The answer, or <c>null</c> when it is not a clear yes or no.</returns>
    public static bool? Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var said = text.Trim().ToLowerInvariant().Replace('’', '\'');
        if (Unsure().IsMatch(said))
        {
            return null;
        }

        // Negative phrases first, and remove them, so "not really" is not read as "really" and "of course not" not as "of course".
        var isNo = No().IsMatch(said);
        var rest = No().Replace(said, " ");
        var isYes = Yes().IsMatch(rest);
        return (isYes, isNo) switch
        {
            (true, false) => true,
            (false, true) => false,
            _ => null,
        };
    }

    [GeneratedRegex(@"\b(not\s+(sure|certain)|unsure|don'?t\s+know|do\s+not\s+know|dunno|no\s+idea|maybe|perhaps|possibly|can'?t\s+(tell|say|remember)|not\s+that\s+i\s+know)\b|\bidk\b|\?\s*$")]
    private static partial Regex Unsure();

    [GeneratedRegex(@"\b(definitely|absolutely|certainly|of\s+course|sure)\s+not\b|\bnot\s+(really|at\s+all|quite|anymore|any\s+more|(right\s+)?now|today|yet)\b|\bi\s+(don'?t|do\s+not)\s+think\s+so\b|\b(no+|nope|nop|nah|naw|negative|never|none|false|disagree|not\s+ok|n)\b|\bi\s+(don'?t|do\s+not|haven'?t|have\s+not|am\s+not|'m\s+not|didn'?t|did\s+not)\b|\bno\s+thanks?\b|(\uD83D\uDC4E)")]
    private static partial Regex No();

    [GeneratedRegex(@"\b(yes+|yeah|yea|yep|yup|ya|yah|y|sure|ok|okay|k|true|agree|correct|right|indeed|of\s+course|certainly|definitely|absolutely|affirmative|i\s+do|i\s+have|i\s+did|it\s+does|please|go\s+ahead|let'?s\s+go|ready|sounds\s+good|alright|all\s+right|aye)\b|(\uD83D\uDC4D|\uD83D\uDC4C)")]
    private static partial Regex Yes();
}
