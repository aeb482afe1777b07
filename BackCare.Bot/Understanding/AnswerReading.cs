using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>How a yes/no reply was read: an answer, a reply to check with the person, or nothing clear.</summary>
/// <param name="Answer">Yes, no or not sure; <c>null</c> when the reply must be confirmed or was unclear.</param>
/// <param name="Confirm">Whether the reply was mixed or hedged, so the bot checks it with the person, naming the sign.</param>
public sealed record AnswerReading(Answer? Answer, bool Confirm = false)
{
    public static AnswerReading Unclear { get; } = new((Answer?)null);

    public static AnswerReading ToConfirm { get; } = new(null, Confirm: true);
}

/// <summary>The concepts that answer a question: those that mean its "yes", and those that mean its "no".</summary>
/// <param name="Yes">Concepts whose mention says yes ("wakes me up" for the night question).</param>
/// <param name="No">Concepts whose mention says no ("just my back" for the leg question).</param>
public sealed record QuestionConcepts(IReadOnlyList<string> Yes, IReadOnlyList<string> No)
{
    public static QuestionConcepts None { get; } = new([], []);
}
