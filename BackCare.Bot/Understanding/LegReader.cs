using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads answers about the legs: whether a symptom is there, which legs ("my left leg", "both", "either side"),
/// and how far down ("down to my foot" is below the knee; "it stops above my knee, not lower" is not).
/// Naming a leg or a place on it says yes.
/// </summary>
/// <param name="language">The language layer.</param>
public sealed class LegReader(LanguageLayer language)
{
    /// <summary>The concepts that name a place on the legs.</summary>
    public static readonly IReadOnlyList<string> Places = ["BelowKnee", "AboveKnee", "LeftSide", "RightSide", "OneSide", "BothSides"];

    /// <summary>Reads a leg answer.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="concepts">The question's concepts (the symptom, and what says there is none).</param>
    /// <returns>The reading; parts not said are <c>null</c>; <see cref="LegReading.Confirm"/> when mixed.</returns>
    public LegReading Read(string? text, QuestionConcepts concepts)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        var analysis = language.Analyse(text);
        var which = Which(analysis);
        var below = BelowKnee(analysis);
        var withPlaces = new QuestionConcepts([.. concepts.Yes, .. Places], concepts.No);
        var presence = AnswerReader.Read(analysis, withPlaces, Answer.Yes);
        var symptomDenied = analysis.Mentions.Any(m => concepts.Yes.Contains(m.Concept) && m.Negated);
        if ((presence.Answer == Answer.No || presence.Confirm) && which is not null && !symptomDenied)
        {
            // "No, only the left one" still names a leg: trust the detail, the more careful reading.
            presence = new AnswerReading(Answer.Yes);
        }

        return new LegReading(presence.Answer, which, below, presence.Confirm);
    }

    /// <summary>Reads which legs, alone.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>One, both, not sure, or <c>null</c> when the text does not say.</returns>
    public Legs? ReadWhich(string? text)
    {
        var analysis = language.Analyse(text);
        return Which(analysis) ?? (analysis.Says(GeneralAnswer.NotSure) || analysis.Mentions.Any(m => m.Uncertain) ? Legs.NotSure : null);
    }

    /// <summary>Reads whether something goes below the knee, alone.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The reading.</returns>
    public AnswerReading ReadBelowKnee(string? text)
    {
        var analysis = language.Analyse(text);
        return BelowKnee(analysis) is Answer below
            ? new AnswerReading(below)
            : AnswerReader.Read(analysis, new QuestionConcepts(["BelowKnee"], ["AboveKnee"]), Answer.Yes);
    }

    private static Legs? Which(Analysis analysis)
    {
        bool Said(string concept) => analysis.Mentions.Any(m => m.Concept == concept && m.Affirmed);
        if (Said("BothSides") || Said("BothLegsNumbOrWeak") || AnswerReader.SidesNamedApart(analysis).Left is not null)
        {
            return Legs.Both;
        }

        if (Said("LeftSide") || Said("RightSide") || Said("OneSide"))
        {
            return Legs.One;
        }

        return null;
    }

    private static Answer? BelowKnee(Analysis analysis)
    {
        var below = analysis.Mentions.Where(m => m.Concept == "BelowKnee" && !m.Hypothetical && !m.Other).ToList();
        if (below.Any(m => !m.Negated && !m.Past))
        {
            return below.Any(m => m.Uncertain && !m.Negated) ? Answer.NotSure : Answer.Yes;
        }

        if (below.Any(m => m.Negated) || analysis.Mentions.Any(m => m.Concept == "AboveKnee" && m.Affirmed))
        {
            return Answer.No;
        }

        return null;
    }
}
