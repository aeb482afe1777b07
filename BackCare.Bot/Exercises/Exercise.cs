namespace BackCare.Bot.Exercises;

/// <summary>How much of an exercise to do.</summary>
/// <param name="Sets">How many sets.</param>
/// <param name="Reps">Repetitions in a set (per side when <paramref name="PerSide"/>).</param>
/// <param name="HoldSeconds">How long each hold lasts; 0 for none.</param>
/// <param name="PerSide">Whether the reps are done on each side.</param>
/// <param name="SecondsPerRep">About how long one repetition takes, for the time estimate.</param>
/// <param name="DoseText">The dose in the bot's words.</param>
public sealed record Dose(int Sets, int Reps, int HoldSeconds, bool PerSide, int SecondsPerRep, string DoseText);

/// <summary>When the routine builder may offer an exercise.</summary>
/// <param name="DoctorLevel">Whether it is one of the gentle exercises offered at doctor level, "once your doctor agrees".</param>
/// <param name="MaxPain">The highest pain score (0–10) at which it is offered; <c>null</c> for any.</param>
/// <param name="NeedsGym">Whether it needs gym equipment.</param>
/// <param name="NeedsOptIn">Whether the person must ask for it (loaded lifts).</param>
public sealed record Offered(bool DoctorLevel, int? MaxPain, bool NeedsGym, bool NeedsOptIn);

/// <summary>One exercise of the catalogue.</summary>
public sealed record Exercise(
    string Id,
    string Name,
    string Kind,
    string Purpose,
    string Setup,
    IReadOnlyList<string> Steps,
    Dose Dose,
    IReadOnlyList<string> Cautions,
    string? Easier,
    string? Harder,
    Offered Offered,
    int SetupSeconds,
    bool AdviceOnly = false)
{
    /// <summary>About how long the exercise takes, in seconds, from its dose.</summary>
    public int EstimatedSeconds
    {
        get
        {
            var sides = Dose.PerSide ? 2 : 1;
            var perSet = sides * Dose.Reps * (Dose.HoldSeconds + Dose.SecondsPerRep);
            const int RestBetweenSets = 30;
            return SetupSeconds + (Dose.Sets * perSet) + ((Dose.Sets - 1) * RestBetweenSets);
        }
    }
}
