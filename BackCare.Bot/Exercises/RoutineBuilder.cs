using BackCare.Bot.Triage;

namespace BackCare.Bot.Exercises;

/// <summary>
/// Builds a routine from the triage outcome and the person's situation (clinical rules v2, "Gentle routine"):
/// nothing after an urgent or emergency answer; at doctor level only the exercises marked for it (walking and
/// the gentle stretches); otherwise every exercise whose gates in exercises.json hold. A risk that makes an
/// exercise easier puts its easier variant in its place; progression over sessions moves along an exercise's
/// doses and to its harder variant, and easing to its easier variant, but only ever to an exercise whose own
/// gates hold. A pure function of domain types.
/// </summary>
/// <param name="catalogue">The exercises.</param>
public sealed class RoutineBuilder(ExerciseCatalogue catalogue)
{
    /// <summary>Builds the routine.</summary>
    /// <param name="request">What it is built from.</param>
    /// <returns>The routine; <see cref="Routine.None"/> when no exercise may be offered.</returns>
    public Routine Build(RoutineRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Level is Disposition.Urgent or Disposition.Emergency || request.Pain is < 0 or > 10)
        {
            return Routine.None;
        }

        var chosen = new List<(Exercise Exercise, int DoseLevel)>();
        foreach (var exercise in catalogue.Exercises.Where(e => !e.Offered.VariantOnly))
        {
            if (Choose(exercise, request) is { } pick && chosen.All(c => c.Exercise.Id != pick.Exercise.Id))
            {
                chosen.Add(pick);
            }
        }

        chosen = chosen.OrderBy(c => ExerciseCatalogue.KindRank(c.Exercise.Kind)).ToList();
        var seconds = chosen.Sum(c => (c.Exercise with { Dose = c.Exercise.Doses[c.DoseLevel] }).EstimatedSeconds);
        return new Routine(
            chosen.Select(c => c.Exercise.Id).ToList(),
            Math.Max(1, (int)Math.Ceiling(seconds / 60.0)),
            request.Level == Disposition.Doctor,
            chosen.Select(c => c.DoseLevel).ToList());
    }

    /// <summary>Whether an exercise of a kind could be offered if the person had a gym, had lifted before and asked for it: whether to ask about those at all.</summary>
    /// <param name="kind">The kind (for example "loaded lift").</param>
    /// <param name="request">What the routine would be built from.</param>
    /// <returns><c>true</c> when asking could add one.</returns>
    public bool CouldOffer(string kind, RoutineRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var best = request with { GymAccess = true, LiftedBefore = true, WantsLoadedLifts = true };
        return Build(best).ExerciseIds.Any(id => catalogue[id].Kind == kind);
    }

    /// <summary>Whether one exercise's own gates hold for the person, its easier-with risks included.</summary>
    /// <param name="exercise">The exercise.</param>
    /// <param name="request">The request.</param>
    /// <returns><c>true</c> when it may be offered as it is.</returns>
    public static bool IsOffered(Exercise exercise, RoutineRequest request)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(request);
        return PassesGates(exercise.Offered, request) && !Applies(exercise.Offered.EasierWith, request);
    }

    private (Exercise Exercise, int DoseLevel)? Choose(Exercise exercise, RoutineRequest request)
    {
        if (!PassesGates(exercise.Offered, request))
        {
            return null;
        }

        if (Applies(exercise.Offered.EasierWith, request))
        {
            // Only the easier form, and only when its own gates hold.
            if (exercise.EasierVariant is null || !IsOffered(catalogue[exercise.EasierVariant], request))
            {
                return null;
            }

            exercise = catalogue[exercise.EasierVariant];
        }

        if (request.Progression < 0)
        {
            // Eased: the easier variant if it may be offered, else the first dose.
            return exercise.EasierVariant is { } easier && IsOffered(catalogue[easier], request) ? (catalogue[easier], 0) : (exercise, 0);
        }

        var level = request.Progression;
        while (level >= exercise.Doses.Count && exercise.HarderVariant is { } harder && IsOffered(catalogue[harder], request))
        {
            level -= exercise.Doses.Count;
            exercise = catalogue[harder];
        }

        return (exercise, Math.Min(level, exercise.Doses.Count - 1));
    }

    private static bool PassesGates(Offered offered, RoutineRequest request)
        => (request.Level != Disposition.Doctor || offered.DoctorLevel)
            && (offered.MaxPain is null || request.Pain <= offered.MaxPain)
            && (!offered.NeedsGym || request.GymAccess)
            && (!offered.NeedsOptIn || request.WantsLoadedLifts)
            && (!offered.NeedsLiftedBefore || request.LiftedBefore)
            && (!offered.NeedsEasesWithRest || request.EasesWithRest)
            && !Applies(offered.NotWith, request);

    private static bool Applies(IReadOnlyList<Risk>? risks, RoutineRequest request)
        => risks is { Count: > 0 } && risks.Any(request.Risks().Contains);
}
