namespace BackCare.Bot.Exercises;

/// <summary>Where a person is in their routine; saved with the conversation so a restart resumes at the same place.</summary>
public sealed class RoutineProgress
{
    /// <summary>Gets or sets the routine.</summary>
    public Routine Routine { get; set; } = Routine.None; // a new instance per progress (see Routine.None)

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
}
