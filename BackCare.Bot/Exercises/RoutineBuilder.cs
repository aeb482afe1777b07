using BackCare.Bot.Triage;

namespace BackCare.Bot.Exercises;

/// <summary>
/// Builds a routine from the triage outcome and the person's situation (shared/docs/clinical-rules.md):
/// nothing after an urgent or emergency answer; at doctor level only the gentle stretches; strength work at
/// pain 6 or less; loaded lifts only at pain 3 or less, with a gym, and when asked for.
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

        var doctorLevel = request.Level == Disposition.Doctor;
        var chosen = catalogue.Exercises
            .Where(e => doctorLevel ? e.Offered.DoctorLevel : IsOffered(e.Offered, request))
            .OrderBy(e => ExerciseCatalogue.KindRank(e.Kind))
            .ToList();
        var seconds = chosen.Sum(e => e.EstimatedSeconds);
        return new Routine(chosen.Select(e => e.Id).ToList(), Math.Max(1, (int)Math.Ceiling(seconds / 60.0)), doctorLevel);
    }

    private static bool IsOffered(Offered offered, RoutineRequest request)
        => (offered.MaxPain is null || request.Pain <= offered.MaxPain)
            && (!offered.NeedsGym || request.GymAccess)
            && (!offered.NeedsOptIn || request.WantsLoadedLifts);
}
