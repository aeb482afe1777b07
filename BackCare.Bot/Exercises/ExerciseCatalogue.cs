using System.Text.Json;
using System.Text.Json.Serialization;

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

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>The risks a loaded lift must never be offered with (clinical rules v2).</summary>
    private static readonly Risk[] LoadedLiftRisks = [Risk.Osteoporosis, Risk.LongTermSteroids, Risk.SixtyFiveOrOver];

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

        // The cautions every exercise carries are written once (everyExercise) and said after each one's own.
        var shared = raw?.EveryExercise?.Cautions ?? [];
        if (shared.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidDataException($"The exercise catalogue '{path}' has an empty caution in everyExercise.cautions.");
        }

        var exercises = (raw?.Exercises ?? []).Select(e => e is null || shared.Count == 0 ? e : e with { Cautions = [.. e.Cautions ?? [], .. shared] }).ToList();
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
            else if (!IsValid(e.Dose))
            {
                problems.Add($"{where} needs a dose of at least 1 set and 1 rep, no negative times, and words for it (doseText).");
            }

            if (e.HarderDoses is not null && e.HarderDoses.Any(d => d is null || !IsValid(d)))
            {
                problems.Add($"{where} has a harder dose without at least 1 set and 1 rep, no negative times, and words for it (doseText).");
            }

            // Every exercise says to stop if it hurts, and to stop and get help if numbness or tingling spreads
            // down a leg or appears between the legs (clinical rules v2).
            if (e.Cautions is null || !e.Cautions.Any(StopsIfItHurts))
            {
                problems.Add($"{where} needs a caution that tells the person to stop if it hurts.");
            }

            if (e.Cautions is null || !e.Cautions.Any(NamesSignsToGetHelpFor))
            {
                problems.Add($"{where} needs a caution (its own, or everyExercise's) that tells the person to stop and get help if numbness or tingling spreads down a leg or appears between the legs.");
            }

            foreach (var (field, variant) in new[] { ("harderVariant", e.HarderVariant), ("easierVariant", e.EasierVariant) })
            {
                if (variant is not null && !exercises.Any(x => x?.Id == variant))
                {
                    problems.Add($"{where} names {field} '{variant}', which is not in the catalogue.");
                }
            }

            if (e.Offered is null)
            {
                problems.Add($"{where} does not say when it is offered.");
            }
            else if (e.Offered.MaxPain is < 0 or > 10)
            {
                problems.Add($"{where} has a maxPain outside 0-10.");
            }
            else if ((e.Offered.NeedsOptIn || e.Kind == "loaded lift") && !IsGatedAsLoadedLift(e.Offered))
            {
                problems.Add($"{where} is a loaded lift: it must need the gym, an opt-in, lifting before, pain that eases with rest, a pain of 3 or less, and never be offered with {string.Join(", ", LoadedLiftRisks)} (notWith).");
            }
            else if (e.Offered.DoctorLevel && !(e.Kind is "warm-up" or "stretch" || (e.Kind == "aerobic" && e.AdviceOnly)))
            {
                problems.Add($"{where} is offered at doctor level but is not a gentle stretch, warm-up or walking advice.");
            }
            else if (e.Offered.EasierWith is { Count: > 0 } && e.EasierVariant is null)
            {
                problems.Add($"{where} has easierWith but no easierVariant to offer in its place.");
            }
            else if (e.Offered.VariantOnly && !exercises.Any(x => x is not null && (x.EasierVariant == e.Id || x.HarderVariant == e.Id)))
            {
                problems.Add($"{where} is offered only as a variant, but no exercise names it as its easier or harder variant.");
            }
        }

        return problems;
    }

    private static bool IsValid(Dose dose)
        => dose.Sets >= 1 && dose.Reps >= 1 && dose.HoldSeconds >= 0 && dose.SecondsPerRep >= 0 && !string.IsNullOrWhiteSpace(dose.DoseText);

    private static bool StopsIfItHurts(string caution)
        => caution.Contains("stop", StringComparison.OrdinalIgnoreCase)
            && (caution.Contains("hurt", StringComparison.OrdinalIgnoreCase) || caution.Contains("pain", StringComparison.OrdinalIgnoreCase));

    private static bool NamesSignsToGetHelpFor(string caution)
        => caution.Contains("stop", StringComparison.OrdinalIgnoreCase)
            && caution.Contains("help", StringComparison.OrdinalIgnoreCase)
            && caution.Contains("numb", StringComparison.OrdinalIgnoreCase)
            && caution.Contains("tingl", StringComparison.OrdinalIgnoreCase)
            && caution.Contains("down a leg", StringComparison.OrdinalIgnoreCase)
            && caution.Contains("between your legs", StringComparison.OrdinalIgnoreCase);

    private static bool IsGatedAsLoadedLift(Offered offered)
        => offered.NeedsOptIn && offered.NeedsGym && offered.NeedsLiftedBefore && offered.NeedsEasesWithRest && !offered.DoctorLevel
            && offered.MaxPain is <= 3 && LoadedLiftRisks.All(r => offered.NotWith?.Contains(r) == true);

    private sealed record Raw(List<Exercise?>? Exercises, EveryExercise? EveryExercise);

    private sealed record EveryExercise(List<string>? Cautions);
}
