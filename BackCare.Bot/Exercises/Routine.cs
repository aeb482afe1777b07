namespace BackCare.Bot.Exercises;

/// <summary>An ordered routine and about how long it takes.</summary>
public sealed record Routine
{
    /// <summary>Initializes a new instance of the <see cref="Routine"/> class.</summary>
    /// <param name="exerciseIds">The exercises, in order.</param>
    /// <param name="estimatedMinutes">About how long, in whole minutes.</param>
    /// <param name="onceDoctorAgrees">Whether the routine is offered only for "once your doctor agrees" (doctor level).</param>
    /// <param name="doseLevels">Which of each exercise's doses (<see cref="Exercise.Doses"/>) to do, in the same order; missing (state saved before progression) means the first.</param>
    public Routine(IReadOnlyList<string> exerciseIds, int estimatedMinutes, bool onceDoctorAgrees, IReadOnlyList<int>? doseLevels = null)
    {
        // Kept as arrays: saved state names its types, and only plain types can be rebuilt from it.
        ExerciseIds = exerciseIds?.ToArray() ?? [];
        EstimatedMinutes = estimatedMinutes;
        OnceDoctorAgrees = onceDoctorAgrees;
        DoseLevels = doseLevels?.ToArray() ?? [];
    }

    /// <summary>Gets the exercises, in order.</summary>
    public IReadOnlyList<string> ExerciseIds { get; }

    /// <summary>Gets about how long the routine takes, in whole minutes.</summary>
    public int EstimatedMinutes { get; }

    /// <summary>Gets a value indicating whether the routine is offered only for "once your doctor agrees".</summary>
    public bool OnceDoctorAgrees { get; }

    /// <summary>Gets which of each exercise's doses to do, in the order of <see cref="ExerciseIds"/>; empty in state saved before progression.</summary>
    public IReadOnlyList<int> DoseLevels { get; }

    /// <summary>The dose level of the exercise at a position, 0 when none was stored.</summary>
    /// <param name="index">The exercise's position in the routine.</param>
    /// <returns>The index into the exercise's doses.</returns>
    public int DoseLevelAt(int index) => index >= 0 && index < DoseLevels.Count ? DoseLevels[index] : 0;

    /// <summary>An exercise with the dose this routine gives it.</summary>
    /// <param name="exercise">The exercise at <paramref name="index"/>.</param>
    /// <param name="index">Its position in the routine.</param>
    /// <returns>The exercise, its <see cref="Exercise.Dose"/> set to this routine's dose.</returns>
    public Exercise Dosed(Exercise exercise, int index)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var doses = exercise.Doses;
        return exercise with { Dose = doses[Math.Clamp(DoseLevelAt(index), 0, doses.Count - 1)] };
    }

    /// <summary>
    /// Gets a new empty routine: nothing is offered. A new instance each time, never a shared one: state
    /// deserialization fills existing property values in place, and would change a shared instance.
    /// </summary>
    public static Routine None => new([], 0, false);
}
