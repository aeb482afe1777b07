namespace BackCare.Bot.Exercises;

/// <summary>Where a person is in their routine; saved with the conversation so a restart resumes at the same place.</summary>
/// <param name="routine">The routine. Taken by the constructor, not defaulted, so that reading saved state builds it anew.</param>
public sealed class RoutineProgress(Routine routine)
{
    /// <summary>Gets the routine.</summary>
    public Routine Routine { get; } = routine ?? throw new ArgumentNullException(nameof(routine));

    /// <summary>Gets or sets the index of the current exercise in the routine.</summary>
    public int Exercise { get; set; }

    /// <summary>Gets or sets the index of the current page (introduction, steps, further sets) of that exercise.</summary>
    public int Page { get; set; }

    /// <summary>Gets or sets a value indicating whether the person paused.</summary>
    public bool Paused { get; set; }

    /// <summary>Gets or sets the pain score before the routine.</summary>
    public int PainBefore { get; set; }

    /// <summary>Gets or sets the pain score after the routine, once asked.</summary>
    public int? PainAfter { get; set; }

    /// <summary>Gets or sets the exercises done so far, by id (kept as an array: a plain type in saved state).</summary>
    public string[] Done { get; set; } = [];

    /// <summary>Gets or sets the exercises skipped so far, by id.</summary>
    public string[] Skipped { get; set; } = [];

    /// <summary>Notes that the exercise at a position was done.</summary>
    /// <param name="index">Its position in the routine.</param>
    public void MarkDone(int index)
    {
        var id = Routine.ExerciseIds[index];
        Skipped = [.. Skipped.Where(s => s != id)];
        Done = Done.Contains(id) ? Done : [.. Done, id];
    }

    /// <summary>Notes that the exercise at a position was skipped (unless it was done before).</summary>
    /// <param name="index">Its position in the routine.</param>
    public void MarkSkipped(int index)
    {
        var id = Routine.ExerciseIds[index];
        Skipped = Done.Contains(id) || Skipped.Contains(id) ? Skipped : [.. Skipped, id];
    }
}
