using System.Text.Json;

namespace BackCare.Bot.Exercises;

/// <summary>
/// The exercises BackCare can coach, loaded from exercises.json. <see cref="Load"/> checks every entry and
/// refuses a broken file with a message that says what to fix, so the host does not start with it.
/// </summary>
public sealed class ExerciseCatalogue
{
    /// <summary>The file's name, next to the assembly.</summary>
    public const string FileName = "exercises.json";

    /// <summary>The kinds the routine builder knows, in the order a routine uses them.</summary>
    public static readonly IReadOnlyList<string> KindOrder = ["warm-up", "stretch", "strength", "loaded lift", "aerobic"];

    /// <summary>Where a kind comes in a routine (its position in <see cref="KindOrder"/>).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its rank; kinds the catalogue does not know come last.</returns>
    public static int KindRank(string kind)
    {
        for (var i = 0; i < KindOrder.Count; i++)
        {
            if (KindOrder[i] == kind)
            {
                return i;
            }
        }

        return KindOrder.Count;
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private readonly Dictionary<string, Exercise> _byId;

    /// <summary>Initializes a new instance of the <see cref="ExerciseCatalogue"/> class.</summary>
    /// <param name="exercises">The exercises, in catalogue order.</param>
    public ExerciseCatalogue(IReadOnlyList<Exercise> exercises)
    {
        Exercises = exercises;
        _byId = exercises.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>Gets the exercises in catalogue order.</summary>
    public IReadOnlyList<Exercise> Exercises { get; }

    /// <summary>Finds an exercise by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The exercise.</returns>
    /// <exception cref="KeyNotFoundException">No exercise has that id.</exception>
    public Exercise this[string id] => _byId.TryGetValue(id, out var exercise) ? exercise : throw new KeyNotFoundException($"No exercise with the id '{id}'.");

    /// <summary>Loads and checks the catalogue.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The catalogue.</returns>
    /// <exception cref="InvalidDataException">The file is missing, not valid JSON, or has a broken entry.</exception>
    public static ExerciseCatalogue Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The exercise catalogue was not found at '{path}'.");
        }

        Raw? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Raw>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The exercise catalogue '{path}' is not valid JSON: {ex.Message}", ex);
        }

        var exercises = raw?.Exercises ?? [];
        var problems = Validate(exercises);
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The exercise catalogue '{path}' has problems:\n- " + string.Join("\n- ", problems));
        }

        return new ExerciseCatalogue(exercises.Select(e => e!).ToList());
    }

    /// <summary>Lists what is wrong with a set of exercises; empty when nothing is.</summary>
    /// <param name="exercises">The exercises.</param>
    /// <returns>The problems.</returns>
    public static List<string> Validate(IReadOnlyList<Exercise?> exercises)
    {
        ArgumentNullException.ThrowIfNull(exercises);
        var problems = new List<string>();
        if (exercises.Count == 0)
        {
            problems.Add("there are no exercises.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < exercises.Count; i++)
        {
            var e = exercises[i];
            var where = $"exercise #{i + 1}";
            if (e is null)
            {
                problems.Add($"{where} is empty.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(e.Id))
            {
                problems.Add($"{where} has no id.");
            }
            else
            {
                where = $"'{e.Id}'";
                if (!seen.Add(e.Id))
                {
                    problems.Add($"{where} is listed twice.");
                }
            }

            if (string.IsNullOrWhiteSpace(e.Name) || string.IsNullOrWhiteSpace(e.Purpose) || string.IsNullOrWhiteSpace(e.Setup))
            {
                problems.Add($"{where} needs a name, a purpose and a setup.");
            }

            if (!KindOrder.Contains(e.Kind))
            {
                problems.Add($"{where} has the kind '{e.Kind}'; use one of: {string.Join(", ", KindOrder)}.");
            }

            if (e.Steps is null || e.Steps.Count == 0 || e.Steps.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{where} needs at least one step, none of them empty.");
            }

            if (e.Dose is null)
            {
                problems.Add($"{where} has no dose.");
            }
            else if (e.Dose.Sets < 1 || e.Dose.Reps < 1 || e.Dose.HoldSeconds < 0 || e.Dose.SecondsPerRep < 0 || string.IsNullOrWhiteSpace(e.Dose.DoseText))
            {
                problems.Add($"{where} needs a dose of at least 1 set and 1 rep, no negative times, and words for it (doseText).");
            }

            // Every exercise says to stop if it hurts (clinical rules).
            if (e.Cautions is null || !e.Cautions.Any(c => c.Contains("stop", StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{where} needs a caution that tells the person to stop if it hurts.");
            }

            if (e.Offered is null)
            {
                problems.Add($"{where} does not say when it is offered.");
            }
            else if (e.Offered.MaxPain is < 0 or > 10)
            {
                problems.Add($"{where} has a maxPain outside 0-10.");
            }
            else if (e.Offered.NeedsOptIn && (e.Offered.MaxPain is null || e.Offered.MaxPain > 3 || !e.Offered.NeedsGym))
            {
                problems.Add($"{where} is a loaded lift: it must need the gym and a pain of 3 or less.");
            }
            else if (e.Offered.DoctorLevel && e.Kind is not ("warm-up" or "stretch"))
            {
                problems.Add($"{where} is offered at doctor level but is not a gentle stretch or warm-up.");
            }
        }

        return problems;
    }

    private sealed record Raw(List<Exercise?>? Exercises);
}
