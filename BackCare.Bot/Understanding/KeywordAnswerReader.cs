using System.Text.RegularExpressions;
using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads an answer from the question's own words when the reply is not a plain yes or no: "I had breast cancer
/// years ago", "I'm on chemo", "it wakes me up". A keyword counts as yes unless the clause denies it ("no fever").
/// When the words point both ways the answer is unclear, so the bot asks again.
/// </summary>
public static partial class KeywordAnswerReader
{
    /// <summary>Reads an answer from phrases and keywords.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="words">The question's words.</param>
    /// <returns>Yes, no, or <c>null</c> when the words say nothing or both.</returns>
    public static Answer? Read(string? text, AnswerWords words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var said = TextNormalizer.Normalize(text);
        if (said.Length == 0)
        {
            return null;
        }

        var yes = words.YesPhrases.Any(p => Contains(said, p));
        var no = words.NoPhrases.Any(p => Contains(said, p));
        if (!yes && !no)
        {
            foreach (var clause in ClauseBreak().Split(said))
            {
                foreach (var keyword in words.Keywords)
                {
                    var at = clause.IndexOf(keyword, StringComparison.Ordinal);
                    if (at < 0)
                    {
                        continue;
                    }

                    if (Negation().IsMatch(clause[..at]))
                    {
                        no = true;
                    }
                    else
                    {
                        yes = true;
                    }
                }
            }
        }

        return (yes, no) switch
        {
            (true, false) => Answer.Yes,
            (false, true) => Answer.No,
            _ => null,
        };
    }

    /// <summary>Whether the phrase appears as whole words ("2" is not found in "12").</summary>
    private static bool Contains(string said, string phrase) => $" {Words().Replace(said, " ")} ".Contains($" {phrase} ", StringComparison.Ordinal);

    [GeneratedRegex(@"[^\p{L}\p{N}']+")]
    private static partial Regex Words();

    [GeneratedRegex(@"[.;!?\n]+|,|\bbut\b|\bhowever\b|\balthough\b|\bthough\b")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"\b(no|not|don'?t|do\s+not|doesn'?t|does\s+not|didn'?t|did\s+not|haven'?t|have\s+not|hasn'?t|isn'?t|aren'?t|wasn'?t|never|without|nor|none|neither|nothing|zero)\b")]
    private static partial Regex Negation();
}
