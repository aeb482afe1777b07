namespace BackCare.Bot.Exercises;

/// <summary>An ordered routine and about how long it takes.</summary>
public sealed record Routine
{
    /// <summary>Initializes a new instance of the <see cref="Routine"/> class.</summary>
    /// <param name="exerciseIds">The exercises, in order.</param>
    /// <param name="estimatedMinutes">About how long, in whole minutes.</param>
    /// <param name="onceDoctorAgrees">Whether the routine is offered only for "once your doctor agrees" (doctor level).</param>
    public Routine(IReadOnlyList<string> exerciseIds, int estimatedMinutes, bool onceDoctorAgrees)
    {
        // Kept as an array: saved state names its types, and only plain types can be rebuilt from it.
        ExerciseIds = exerciseIds?.ToArray() ?? [];
        EstimatedMinutes = estimatedMinutes;
        OnceDoctorAgrees = onceDoctorAgrees;
    }

    /// <summary>Gets the exercises, in order.</summary>
    public IReadOnlyList<string> ExerciseIds { get; }

    /// <summary>Gets about how long the routine takes, in whole minutes.</summary>
    public int EstimatedMinutes { get; }

    /// <summary>Gets a value indicating whether the routine is offered only for "once your doctor agrees".</summary>
    public bool OnceDoctorAgrees { get; }

    /// <summary>
    /// Gets a new empty routine: nothing is offered. A new instance each time, never a shared one: state
    /// deserialization fills existing property values in place, and would change a shared instance.
    /// </summary>
    public static Routine None => new([], 0, false);
}
