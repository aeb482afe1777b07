using BackCare.Bot.Triage;

namespace BackCare.Bot.Exercises;

/// <summary>What the routine is built from.</summary>
/// <param name="Level">The triage outcome's level.</param>
/// <param name="Pain">The pain score now, 0–10.</param>
/// <param name="GymAccess">Whether the person has gym equipment.</param>
/// <param name="WantsLoadedLifts">Whether the person asked for the loaded lifts.</param>
/// <param name="Resume">Whether to carry on a routine already in progress instead of building a new one.</param>
public sealed record RoutineRequest(Disposition Level, int Pain, bool GymAccess = false, bool WantsLoadedLifts = false, bool Resume = false);
