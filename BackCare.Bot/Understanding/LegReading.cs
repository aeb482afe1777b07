using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>What an answer about leg symptoms said: whether there is something in a leg, which legs, and how far down.</summary>
/// <param name="Present">Whether the symptom is there (yes, no, not sure), when said.</param>
/// <param name="Which">Which legs, when said.</param>
/// <param name="BelowKnee">Whether it goes below the knee, when said.</param>
/// <param name="Confirm">Whether the reply was mixed and must be checked with the person.</param>
public sealed record LegReading(Answer? Present, Legs? Which, Answer? BelowKnee, bool Confirm = false);
