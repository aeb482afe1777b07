using System.Text.Json;
using BackCare.Bot.Exercises;
using Microsoft.Extensions.FileProviders;

namespace BackCare.Bot.Cards;

/// <summary>One picture: a PNG under wwwroot, and what it shows in words.</summary>
/// <param name="File">Its path relative to wwwroot (img/exercises/....png).</param>
/// <param name="Alt">Its alt text.</param>
public sealed record Illustration(string File, string Alt);

/// <summary>
/// Which picture goes with which page of each exercise, from <c>illustrations.json</c> next to the exercise
/// catalogue. <see cref="Load"/> refuses a catalogue exercise without its pictures (the starting position, one per
/// step, and the easier and harder variants the catalogue names), a picture without alt text, and a file that is
/// not a PNG under wwwroot (Teams does not show SVG), so the host does not start with a step card missing its picture.
/// </summary>
public sealed class Illustrations
{
    /// <summary>The file's name, next to exercises.json.</summary>
    public const string FileName = "illustrations.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private readonly IReadOnlyDictionary<string, Entry> _entries;

    private Illustrations(IReadOnlyDictionary<string, Entry> entries) => _entries = entries;

    /// <summary>Gets every picture file named, relative to wwwroot.</summary>
    public IEnumerable<string> Files => _entries.Values.SelectMany(e => new[] { e.Setup, e.Easier, e.Harder }.Concat(e.Steps ?? [])).OfType<Illustration>().Select(i => i.File).Distinct(StringComparer.Ordinal);

    /// <summary>The picture for a page of an exercise, as <see cref="RoutineWalk.Pages"/> orders them: the starting
    /// position on the introduction and on further sets, each step's own picture on its page.</summary>
    /// <param name="exercise">The exercise.</param>
    /// <param name="page">The page.</param>
    /// <returns>The picture.</returns>
    public Illustration ForPage(Exercise exercise, int page)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var entry = _entries[exercise.Id];
        if (exercise.AdviceOnly)
        {
            // One page that says what to do: show it being done.
            return entry.Steps!.Count > 0 ? entry.Steps[0] : entry.Setup!;
        }

        return page >= 1 && page <= entry.Steps!.Count ? entry.Steps[page - 1] : entry.Setup!;
    }

    /// <summary>Loads and checks the pictures against the catalogue and the files under wwwroot.</summary>
    /// <param name="path">The file.</param>
    /// <param name="catalogue">The exercises.</param>
    /// <param name="webRoot">The files the host serves (wwwroot).</param>
    /// <returns>The pictures.</returns>
    /// <exception cref="InvalidDataException">The file is missing or broken, or an exercise lacks a picture.</exception>
    public static Illustrations Load(string path, ExerciseCatalogue catalogue, IFileProvider webRoot)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(webRoot);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The exercise pictures file was not found at '{path}': every exercise needs its pictures.");
        }

        Raw? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Raw>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The exercise pictures file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        var entries = raw?.Exercises ?? [];
        var problems = new List<string>();
        foreach (var exercise in catalogue.Exercises)
        {
            if (!entries.TryGetValue(exercise.Id, out var entry))
            {
                problems.Add($"exercise '{exercise.Id}' has no pictures.");
                continue;
            }

            Check(problems, webRoot, $"{exercise.Id}.setup", entry.Setup, required: true);
            if (entry.Steps is null || entry.Steps.Count != exercise.Steps.Count)
            {
                problems.Add($"exercise '{exercise.Id}' has {exercise.Steps.Count} steps but {entry.Steps?.Count ?? 0} step pictures.");
            }

            for (var i = 0; i < (entry.Steps?.Count ?? 0); i++)
            {
                Check(problems, webRoot, $"{exercise.Id}.steps[{i}]", entry.Steps![i], required: true);
            }

            Check(problems, webRoot, $"{exercise.Id}.easier", entry.Easier, required: exercise.Easier is not null);
            Check(problems, webRoot, $"{exercise.Id}.harder", entry.Harder, required: exercise.Harder is not null);
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The exercise pictures file '{path}' is incomplete:\n- " + string.Join("\n- ", problems));
        }

        return new Illustrations(entries);
    }

    private static void Check(List<string> problems, IFileProvider webRoot, string where, Illustration? picture, bool required)
    {
        if (picture is null)
        {
            if (required)
            {
                problems.Add($"{where} is missing.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(picture.Alt))
        {
            problems.Add($"{where} has no alt text.");
        }

        var file = picture.File ?? string.Empty;
        if (!file.StartsWith("img/exercises/", StringComparison.Ordinal) || !file.EndsWith(".png", StringComparison.Ordinal) || file.Contains("..", StringComparison.Ordinal))
        {
            problems.Add($"{where} must be a PNG under img/exercises/ (Teams does not show SVG), not '{file}'.");
        }
        else if (!webRoot.GetFileInfo(file).Exists)
        {
            problems.Add($"{where}: the file '{file}' is not in wwwroot.");
        }
    }

    private sealed record Entry(Illustration? Setup, IReadOnlyList<Illustration>? Steps, Illustration? Easier, Illustration? Harder);

    private sealed record Raw(Dictionary<string, Entry>? Exercises);
}
