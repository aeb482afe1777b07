namespace BackCare.Bot.Exercises;

/// <summary>An ordered routine and about how long it takes.</summary>
/// <param name="ExerciseIds">The exercises, in order.</param>
/// <param name="EstimatedMinutes">About how long, in whole minutes (at least 1).</param>
/// <param name="OnceDoctorAgrees">Whether the routine is offered only for "once your doctor agrees" (doctor level).</param>
public sealed record Routine(IReadOnlyList<string> ExerciseIds, int EstimatedMinutes, bool OnceDoctorAgrees)
{
    /// <summary>
    /// Gets a new empty routine: nothing is offered. A new instance each time, never a shared one: state
    /// deserialization fills existing property values in place, and would change a shared instance.
    /// </summary>
    public static Routine None => new([], 0, false);
}
