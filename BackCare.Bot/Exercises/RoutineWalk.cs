using System.Globalization;

namespace BackCare.Bot.Exercises;

/// <summary>
/// Walks a routine one page at a time: each exercise has an introduction (what it is for, how to get ready),
/// then one page per step, then one page per further set. Pure: positions in, positions and words out.
/// </summary>
/// <param name="catalogue">The exercises.</param>
public sealed class RoutineWalk(ExerciseCatalogue catalogue)
{
    /// <summary>The pages of one exercise, in order.</summary>
    /// <param name="exercise">The exercise.</param>
    /// <returns>The pages' texts, without the heading.</returns>
    public static IReadOnlyList<string> Pages(Exercise exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var cautions = string.Join(" ", exercise.Cautions);
        if (exercise.AdviceOnly)
        {
            var advice = string.Join(" ", exercise.Steps);
            return [$"{exercise.Purpose}\n\n{advice} {exercise.Dose.DoseText}\n\n{cautions}"];
        }

        var easier = exercise.Easier is null ? string.Empty : $"\n\nIf that's too much: {exercise.Easier}";
        var pages = new List<string> { $"What it's for: {exercise.Purpose}\n\nGet ready: {exercise.Setup}\n\n{cautions}{easier}" };
        var steps = exercise.Steps.Count;
        for (var i = 0; i < steps; i++)
        {
            var text = $"Step {i + 1} of {steps}: {exercise.Steps[i]}";
            if (i == steps - 1)
            {
                text += $"\n\n{exercise.Dose.DoseText}";
                if (exercise.Dose.Sets > 1)
                {
                    text += $" That's set 1 of {exercise.Dose.Sets}.";
                }
            }

            pages.Add(text);
        }

        for (var set = 2; set <= exercise.Dose.Sets; set++)
        {
            var last = set == exercise.Dose.Sets ? " This is the last set." : string.Empty;
            pages.Add($"Set {set} of {exercise.Dose.Sets}: rest for a few slow breaths, then do the same again. {exercise.Dose.DoseText}{last}");
        }

        if (exercise.Harder is not null)
        {
            // Only once it is easy, and only another day: the last page says how to build up.
            pages[^1] += $"\n\nOn another day, once this feels easy: {exercise.Harder}";
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
        var heading = string.Format(CultureInfo.InvariantCulture, "**Exercise {0} of {1}: {2}**", progress.Exercise + 1, count, exercise.Name);
        return $"{heading}\n\n{Pages(exercise)[progress.Page]}";
    }

    /// <summary>A short "where you are" for pauses and returns: "exercise 3 of 6 (Child's pose), step 2".</summary>
    /// <param name="progress">The progress.</param>
    /// <returns>The words.</returns>
    public string Where(RoutineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var exercise = Current(progress);
        var place = progress.Page == 0 ? "getting ready" : progress.Page <= exercise.Steps.Count ? $"step {progress.Page}" : $"set {progress.Page - exercise.Steps.Count + 1}";
        return $"exercise {progress.Exercise + 1} of {progress.Routine.ExerciseIds.Count} ({exercise.Name}), {place}";
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

    /// <summary>Whether the person is at the very first page of the routine.</summary>
    /// <param name="progress">The progress.</param>
    /// <returns><c>true</c> at the start.</returns>
    public static bool AtStart(RoutineProgress progress) => progress.Exercise == 0 && progress.Page == 0;

    private Exercise Current(RoutineProgress progress) => catalogue[progress.Routine.ExerciseIds[progress.Exercise]];
}
