namespace BackCare.Bot.Exercises;

/// <summary>How much of an exercise to do.</summary>
/// <param name="Sets">How many sets.</param>
/// <param name="Reps">Repetitions in a set (per side when <paramref name="PerSide"/>).</param>
/// <param name="HoldSeconds">How long each hold lasts; 0 for none.</param>
/// <param name="PerSide">Whether the reps are done on each side.</param>
/// <param name="SecondsPerRep">About how long one repetition takes, for the time estimate.</param>
/// <param name="DoseText">The dose in the bot's words.</param>
public sealed record Dose(int Sets, int Reps, int HoldSeconds, bool PerSide, int SecondsPerRep, string DoseText);

/// <summary>
/// When the routine builder may offer an exercise (clinical rules v2, "Gentle routine"). Every condition must
/// hold; anything the person did not say counts against the exercise (the safe side).
/// </summary>
/// <param name="DoctorLevel">Whether it is one of the gentle exercises offered at doctor level, "once your doctor agrees".</param>
/// <param name="MaxPain">The highest pain score (0–10) at which it is offered, compared with the highest pain the person reported; <c>null</c> for any.</param>
/// <param name="NeedsGym">Whether it needs gym equipment.</param>
/// <param name="NeedsOptIn">Whether the person must ask for it (loaded lifts).</param>
/// <param name="NeedsLiftedBefore">Whether the person must have lifted weights before.</param>
/// <param name="NeedsEasesWithRest">Whether the pain must ease with rest (a clear yes).</param>
/// <param name="NotWith">Risks that rule it out.</param>
/// <param name="EasierWith">Risks that put its easier variant (<see cref="Exercise.EasierVariant"/>) in its place.</param>
/// <param name="VariantOnly">Whether it is offered only in place of another exercise (an easier or harder variant), never on its own.</param>
public sealed record Offered(
    bool DoctorLevel,
    int? MaxPain,
    bool NeedsGym,
    bool NeedsOptIn,
    bool NeedsLiftedBefore = false,
    bool NeedsEasesWithRest = false,
    IReadOnlyList<Risk>? NotWith = null,
    IReadOnlyList<Risk>? EasierWith = null,
    bool VariantOnly = false);

/// <summary>Something about the person that rules an exercise out or makes it the easier form. Named in exercises.json.</summary>
public enum Risk
{
    /// <summary>Osteoporosis (thin, fragile bones).</summary>
    Osteoporosis,

    /// <summary>Steroid tablets taken for three months or more.</summary>
    LongTermSteroids,

    /// <summary>Aged 65 or over, or an age that may be.</summary>
    SixtyFiveOrOver,
}

/// <summary>One exercise of the catalogue.</summary>
/// <param name="Id">Its id, stored by name in progress and history.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">Its kind (one of <see cref="ExerciseCatalogue.KindOrder"/>).</param>
/// <param name="Purpose">What it is for.</param>
/// <param name="Setup">How to get ready.</param>
/// <param name="Steps">The steps.</param>
/// <param name="Dose">The dose of a first session.</param>
/// <param name="Cautions">When to stop: if it hurts, and when to stop and get help.</param>
/// <param name="Easier">How to make it easier, in words.</param>
/// <param name="Harder">How to build up, in words.</param>
/// <param name="Offered">When it is offered.</param>
/// <param name="SetupSeconds">About how long getting ready takes.</param>
/// <param name="AdviceOnly">Whether it is advice to follow later (walking), not walked step by step.</param>
/// <param name="HarderDoses">Further doses, each a step up from the last, for progression over sessions.</param>
/// <param name="HarderVariant">The exercise that replaces it once its doses are used up, if its gates allow.</param>
/// <param name="EasierVariant">The exercise that replaces it when the routine eases, or when a risk in <see cref="Offered.EasierWith"/> applies.</param>
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
    bool AdviceOnly = false,
    IReadOnlyList<Dose>? HarderDoses = null,
    string? HarderVariant = null,
    string? EasierVariant = null)
{
    /// <summary>Gets the doses from the start dose up, each a step harder and all within the source's doses: <see cref="Dose"/> first, then <see cref="HarderDoses"/>.</summary>
    public IReadOnlyList<Dose> Doses => [Dose, .. HarderDoses ?? []];

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
