using BackCare.Bot.Content;

namespace BackCare.Bot.Exercises;

/// <summary>
/// Walks a routine one page at a time: each exercise has an introduction (what it is for, how to get ready),
/// then one page per step, then one page per further set. Pure: positions in, positions and words out.
/// </summary>
/// <param name="catalogue">The exercises.</param>
/// <param name="text">The words around the exercises' own.</param>
public sealed class RoutineWalk(ExerciseCatalogue catalogue, BotText text)
{
    /// <summary>The pages of one exercise, in order.</summary>
    /// <param name="exercise">The exercise.</param>
    /// <returns>The pages' texts, without the heading.</returns>
    public IReadOnlyList<string> Pages(Exercise exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var cautions = string.Join(" ", exercise.Cautions);
        if (exercise.AdviceOnly)
        {
            var advice = string.Join(" ", exercise.Steps);
            return [text.Format("walk.advice", ("purpose", exercise.Purpose), ("advice", advice), ("dose", exercise.Dose.DoseText), ("cautions", cautions))];
        }

        var easier = exercise.Easier is null ? string.Empty : text.Format("walk.easier", ("easier", exercise.Easier));
        var pages = new List<string> { text.Format("walk.intro", ("purpose", exercise.Purpose), ("setup", exercise.Setup), ("cautions", cautions)) + easier };
        var steps = exercise.Steps.Count;
        for (var i = 0; i < steps; i++)
        {
            var page = text.Format("walk.step", ("n", i + 1), ("count", steps), ("step", exercise.Steps[i]));
            if (i == steps - 1)
            {
                page += $"\n\n{exercise.Dose.DoseText}";
                if (exercise.Dose.Sets > 1)
                {
                    page += text.Format("walk.firstSet", ("sets", exercise.Dose.Sets));
                }
            }

            pages.Add(page);
        }

        for (var set = 2; set <= exercise.Dose.Sets; set++)
        {
            var last = set == exercise.Dose.Sets ? text["walk.lastSet"] : string.Empty;
            pages.Add(text.Format("walk.set", ("n", set), ("sets", exercise.Dose.Sets), ("dose", exercise.Dose.DoseText)) + last);
        }

        if (exercise.Harder is not null)
        {
            // Only once it is easy, and only another day: the last page says how to build up.
            pages[^1] += text.Format("walk.harder", ("harder", exercise.Harder));
        }

        return pages;
    }

    /// <summary>The words for the current page, with where the person is in the routine.</summary>
    /// <param name="progress">The progress.</param>
    /// <returns>The message text.</returns>
    public string Describe(RoutineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var exercise = Current(progress);
        var count = progress.Routine.ExerciseIds.Count;
        var heading = text.Format("walk.heading", ("n", progress.Exercise + 1), ("count", count), ("name", exercise.Name));
        return $"{heading}\n\n{Pages(exercise)[progress.Page]}";
    }

    /// <summary>A short "where you are" for pauses and returns: "exercise 3 of 6 (Child's pose), step 2".</summary>
    /// <param name="progress">The progress.</param>
    /// <returns>The words.</returns>
    public string Where(RoutineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var exercise = Current(progress);
        var place = progress.Page == 0 ? text["walk.place.ready"]
            : progress.Page <= exercise.Steps.Count ? text.Format("walk.place.step", ("n", progress.Page))
            : text.Format("walk.place.set", ("n", progress.Page - exercise.Steps.Count + 1));
        return text.Format("walk.where", ("n", progress.Exercise + 1), ("count", progress.Routine.ExerciseIds.Count), ("name", exercise.Name), ("place", place));
    }

    /// <summary>Moves to the next page, or the next exercise after the last page.</summary>
    /// <param name="progress">The progress; changed in place.</param>
    /// <returns><c>false</c> when the routine is finished.</returns>
    public bool Next(RoutineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Page + 1 < Pages(Current(progress)).Count)
        {
            progress.Page++;
            return true;
        }

        return Skip(progress);
    }

    /// <summary>Moves to the next exercise.</summary>
    /// <param name="progress">The progress; changed in place.</param>
    /// <returns><c>false</c> when there is no next exercise (the routine is finished).</returns>
    public static bool Skip(RoutineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Exercise + 1 >= progress.Routine.ExerciseIds.Count)
        {
            return false;
        }

        progress.Exercise++;
        progress.Page = 0;
        return true;
    }

    /// <summary>Moves back a page, or to the last page of the previous exercise; stays at the very start.</summary>
    /// <param name="progress">The progress; changed in place.</param>
    public void Back(RoutineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Page > 0)
        {
            progress.Page--;
        }
        else if (progress.Exercise > 0)
        {
            progress.Exercise--;
            progress.Page = Pages(Current(progress)).Count - 1;
        }
    }

    /// <summary>The shortest hold worth a timer; shorter holds (a superman's few seconds) are easily counted.</summary>
    public const int MinTimerSeconds = 10;

    /// <summary>
    /// How long a timer on the current page runs, or <c>null</c> when the page has nothing to time. Only the pages
    /// that give the dose (the last step, and each further set) of an exercise with a hold of at least
    /// <see cref="MinTimerSeconds"/> seconds (one hold: per side, the person starts it again), or of a warm-up
    /// done at a set pace with no hold (the breathing: its repetitions times their seconds).
    /// </summary>
    /// <param name="progress">The progress.</param>
    /// <returns>The seconds, or <c>null</c>.</returns>
    public int? TimerSeconds(RoutineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var exercise = Current(progress);
        if (exercise.AdviceOnly || progress.Paused || progress.Page < exercise.Steps.Count)
        {
            return null;
        }

        var seconds = exercise.Dose.HoldSeconds > 0 ? exercise.Dose.HoldSeconds
            : exercise.Kind == WarmUpKind ? exercise.Dose.Reps * exercise.Dose.SecondsPerRep
            : 0;
        return seconds >= MinTimerSeconds ? seconds : null;
    }

    /// <summary>The catalogue's kind for a warm-up (the breathing).</summary>
    public const string WarmUpKind = "warm-up";

    /// <summary>Whether the person is at the very first page of the routine.</summary>
    /// <param name="progress">The progress.</param>
    /// <returns><c>true</c> at the start.</returns>
    public static bool AtStart(RoutineProgress progress) => progress.Exercise == 0 && progress.Page == 0;

    /// <summary>The current exercise, with the dose this routine gives it (progression over sessions).</summary>
    private Exercise Current(RoutineProgress progress) => progress.Routine.Dosed(catalogue[progress.Routine.ExerciseIds[progress.Exercise]], progress.Exercise);
}
