using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads a reply to a yes/no question the safe way (clinical rules, "Reading people's answers, safely"): the
/// question's own concepts first, the plain yes / no / not sure second. A mention of the sign that is not
/// denied for the person now is a yes; doubt is "not sure"; a reply that points both ways, or a "no, but…" on
/// a warning sign, is checked with the person. Someone else's event, or one over before this pain, is a no;
/// a hypothetical says nothing.
/// </summary>
/// <param name="language">The language layer.</param>
public sealed class AnswerReader(LanguageLayer language)
{
    /// <summary>Reads a reply.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="concepts">The question's concepts.</param>
    /// <param name="warningWhen">Which answer is the warning sign (yes for most; no for "does it ease with rest?"); <c>null</c> when neither is.</param>
    /// <returns>The reading.</returns>
    public AnswerReading Read(string? text, QuestionConcepts concepts, Answer? warningWhen = Answer.Yes)
        => Read(language.Analyse(text), concepts, warningWhen);

    private const string LeftSide = "LeftSide";

    private const string RightSide = "RightSide";

    private const string BothSides = "BothSides";

    /// <summary>Reads an analysed reply.</summary>
    /// <param name="analysis">The reply.</param>
    /// <param name="concepts">The question's concepts.</param>
    /// <param name="warningWhen">Which answer is the warning sign; <c>null</c> when neither is.</param>
    /// <returns>The reading.</returns>
    public static AnswerReading Read(Analysis analysis, QuestionConcepts concepts, Answer? warningWhen = Answer.Yes)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(concepts);
        bool yes = false, no = false, unsure = false;

        // "Mostly the left, but I think the right too": the left and the right named for the person are both sides.
        var (left, right) = SidesNamedApart(analysis);
        if (left is not null && right is not null && concepts.Yes.Contains(BothSides))
        {
            (yes, unsure) = (!left.Uncertain && !right.Uncertain, left.Uncertain || right.Uncertain);
        }

        foreach (var mention in analysis.Mentions)
        {
            var saysYes = concepts.Yes.Contains(mention.Concept);
            var saysNo = concepts.No.Contains(mention.Concept);
            if ((!saysYes && !saysNo) || mention.Hypothetical)
            {
                continue;
            }

            if (mention.Other || mention.Past)
            {
                // Someone else's, or over before this pain: not the person's now.
                no |= saysYes;
                continue;
            }

            if (mention.Negated)
            {
                (yes, no) = (yes || saysNo, no || saysYes);
            }
            else if (mention.Uncertain)
            {
                unsure = true;
            }
            else
            {
                (yes, no) = (yes || saysYes, no || saysNo);
            }
        }

        var plainYes = analysis.Says(GeneralAnswer.Yes);
        var plainNo = analysis.Says(GeneralAnswer.No);
        var plainNotSure = analysis.Says(GeneralAnswer.NotSure);

        if (yes || no || unsure)
        {
            if (yes && no)
            {
                return AnswerReading.ToConfirm;
            }

            if (unsure && !yes && !no)
            {
                return plainNo && warningWhen == Answer.No ? AnswerReading.ToConfirm : new AnswerReading(Answer.NotSure);
            }

            var answer = yes ? Answer.Yes : Answer.No;
            var contradicted = answer == Answer.Yes ? plainNo : plainYes;
            if (contradicted || unsure || plainNotSure)
            {
                // "No, but I had lymphoma"; "yes… no numbness exactly": check, naming the sign.
                return warningWhen is null && !contradicted ? new AnswerReading(Answer.NotSure) : AnswerReading.ToConfirm;
            }

            return new AnswerReading(answer);
        }

        return Plain(analysis, plainYes, plainNo, plainNotSure, warningWhen);
    }

    /// <summary>
    /// The left and the right, each named for the person and apart from the other: "the left, and the right as well".
    /// A side that touches the other names one leg: in "my left leg right down to the ankle" the right is how far.
    /// </summary>
    /// <param name="analysis">The reply.</param>
    /// <returns>The two mentions, or nulls when the reply does not name both sides apart.</returns>
    internal static (Mention? Left, Mention? Right) SidesNamedApart(Analysis analysis)
    {
        foreach (var left in analysis.Mentions.Where(m => m.Concept == LeftSide && m.Affirmed))
        {
            var right = analysis.Mentions.FirstOrDefault(m => m.Concept == RightSide && m.Affirmed && (m.Start > left.End || left.Start > m.End));
            if (right is not null)
            {
                return (left, right);
            }
        }

        return (null, null);
    }

    private static AnswerReading Plain(Analysis analysis, bool plainYes, bool plainNo, bool plainNotSure, Answer? warningWhen)
    {
        if (plainNotSure)
        {
            return plainYes || plainNo ? (warningWhen is null ? new AnswerReading(Answer.NotSure) : AnswerReading.ToConfirm) : new AnswerReading(Answer.NotSure);
        }

        if (plainYes && plainNo)
        {
            return warningWhen is null ? AnswerReading.Unclear : AnswerReading.ToConfirm;
        }

        if (!plainYes && !plainNo)
        {
            return AnswerReading.Unclear;
        }

        var answer = plainYes ? Answer.Yes : Answer.No;

        // "No, but…" (or "yes, but…" when a no is the warning): the words after the turn may be the sign in
        // words the lexicon does not know. Never a silent all-clear: check.
        var safe = warningWhen is not null && answer != warningWhen;
        if (safe && analysis.HasContrast && analysis.AfterContrast >= 2)
        {
            return AnswerReading.ToConfirm;
        }

        return new AnswerReading(answer);
    }
}
