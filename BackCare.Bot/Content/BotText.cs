using System.Text.Json;
using System.Text.RegularExpressions;

namespace BackCare.Bot.Content;

/// <summary>
/// Everything BackCare says outside the triage's questions and the exercises' own words, loaded from
/// <c>Content/{language}/conversation.json</c> so a clinician can review it and a second language is a new file,
/// not a code change. <see cref="Load"/> refuses a file that lacks a phrase the code uses, or one whose
/// placeholders ({name}) differ from the code's, so a broken file stops the host at start-up.
/// </summary>
public sealed partial class BotText
{
    /// <summary>The file's name, in the language's content folder.</summary>
    public const string FileName = "conversation.json";

    /// <summary>The placeholders each phrase must have: the code fills exactly these.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["welcome"] = [],
        ["button.startCheck"] = [], ["button.help"] = [], ["button.startOver"] = [], ["button.summary"] = [],
        ["button.yes"] = [], ["button.no"] = [], ["button.notSure"] = [], ["button.includeLifts"] = [], ["button.skipLifts"] = [],
        ["button.startRoutine"] = [], ["button.notNow"] = [], ["button.done"] = [], ["button.repeat"] = [], ["button.back"] = [],
        ["button.skip"] = [], ["button.itHurts"] = [], ["button.pause"] = [], ["button.stop"] = [], ["button.continue"] = [],
        ["emptyMessage"] = [], ["longMessage"] = ["max"], ["deleted"] = [], ["turnFailed"] = [],
        ["notUnderstood"] = ["example", "question"], ["pickClosest"] = ["question"], ["yesNoExample"] = [], ["painExample"] = [],
        ["painBand.mild"] = [], ["painBand.moderate"] = [], ["painBand.severe"] = [], ["yesOrNoAgain"] = ["question"],
        ["help.general"] = [], ["help.question"] = ["help", "example", "general"], ["help.routine"] = [],
        ["cancelled"] = [], ["startingAgain"] = [], ["outcomeStands"] = ["advice"], ["finishedEarlier"] = [], ["carryOnOffer"] = ["where"],
        ["freshCheck"] = [], ["anythingNew"] = [], ["checkAgainFirst"] = [], ["afterResultNoExercise"] = [],
        ["offerStretchesOnceDoctorAgrees"] = [], ["offerRoutine"] = [], ["routineDeclined"] = [], ["gymQuestion"] = [], ["liftsQuestion"] = [],
        ["recheckQuestion"] = [], ["restUp"] = [],
        ["plan.onceDoctorAgrees"] = [], ["plan.intro"] = [], ["plan.line"] = ["n", "name", "kind"], ["plan"] = ["intro", "count", "minutes", "lines"],
        ["plan.retry"] = [], ["plan.later"] = [],
        ["walk.atStart"] = [], ["walk.welcomeBack"] = [], ["walk.notUnderstood"] = ["where"], ["walk.paused"] = ["where"],
        ["walk.heading"] = ["n", "count", "name"], ["walk.where"] = ["n", "count", "name", "place"], ["walk.place.ready"] = [],
        ["walk.place.step"] = ["n"], ["walk.place.set"] = ["n"], ["walk.intro"] = ["purpose", "setup", "cautions"], ["walk.easier"] = ["easier"],
        ["walk.advice"] = ["purpose", "advice", "dose", "cautions"], ["walk.step"] = ["n", "count", "step"], ["walk.firstSet"] = ["sets"],
        ["walk.set"] = ["n", "sets", "dose"], ["walk.lastSet"] = [], ["walk.harder"] = ["harder"],
        ["routine.hurt"] = [], ["routine.finished"] = [], ["routine.stopped"] = [], ["routine.painAfter"] = ["opening"],
        ["routine.comparison"] = ["before", "after", "advice"], ["routine.lower"] = [], ["routine.same"] = [], ["routine.higher"] = [],
        ["button.more"] = [], ["button.call"] = ["number"], ["button.send"] = [], ["scale.label"] = [], ["staleTap"] = [], ["staleSignTap"] = [],
        ["questionProgress"] = ["n", "total"], ["groupIntro"] = [],
        ["kind.warm-up"] = [], ["kind.stretch"] = [], ["kind.strength"] = [], ["kind.loaded lift"] = [], ["kind.aerobic"] = [],
        ["carryOnReplanned"] = [], ["liftedBeforeQuestion"] = [], ["liftsNeedExperience"] = [], ["plan.builtUp"] = [], ["plan.eased"] = [],
        ["progress.none"] = [], ["progress.first"] = ["date", "before", "after"], ["progress.notAsked"] = [],
        ["progress.falling"] = ["first", "last", "count"], ["progress.steady"] = ["last", "count"], ["progress.rising"] = ["first", "last", "count"],
        ["progress.next.up"] = [], ["progress.next.down"] = [], ["progress.next.same"] = [],
        ["progress.doctor.RisingOverThreeSessions"] = [], ["progress.doctor.NoBetterAfterFourWeeks"] = [],
        ["chart.title"] = [], ["chart.yLabel"] = [], ["chart.before"] = [], ["chart.after"] = [], ["chart.dateFormat"] = [], ["chart.name"] = [],
        ["button.startTimer"] = [], ["timer.started"] = ["seconds"], ["timer.none"] = [], ["timer.up"] = [],
        ["reminder.set"] = ["time", "zone"], ["reminder.askZone"] = ["time"], ["reminder.zoneNotUnderstood"] = ["time"],
        ["reminder.whatTime"] = [], ["reminder.whichTime"] = ["morning", "evening"], ["reminder.afterQuestions"] = [],
        ["reminder.stopped"] = [], ["reminder.none"] = [], ["reminder.message"] = [],
    };

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private readonly IReadOnlyDictionary<string, string> _phrases;

    private BotText(IReadOnlyDictionary<string, string> phrases) => _phrases = phrases;

    /// <summary>A phrase, as written.</summary>
    /// <param name="name">The phrase's name.</param>
    /// <returns>The words.</returns>
    public string this[string name] => _phrases[name];

    /// <summary>A phrase with its placeholders filled.</summary>
    /// <param name="name">The phrase's name.</param>
    /// <param name="values">The placeholders' values, as name and value pairs.</param>
    /// <returns>The words.</returns>
    public string Format(string name, params (string Name, object Value)[] values)
    {
        var text = _phrases[name];
        foreach (var (key, value) in values)
        {
            text = text.Replace("{" + key + "}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Loads and checks the file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The phrases.</returns>
    /// <exception cref="InvalidDataException">The file is missing, not JSON, lacks a phrase, or a phrase's placeholders differ from the code's.</exception>
    public static BotText Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The conversation content file was not found at '{path}'.");
        }

        Raw? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Raw>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The conversation content file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        var phrases = raw?.Phrases ?? [];
        var problems = new List<string>();
        foreach (var (name, placeholders) in Required)
        {
            if (!phrases.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"phrases.{name} is missing.");
                continue;
            }

            var found = Placeholder().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
            if (!found.SetEquals(placeholders))
            {
                problems.Add($"phrases.{name} must use exactly these placeholders: {(placeholders.Length == 0 ? "none" : string.Join(", ", placeholders.Select(p => "{" + p + "}")))}.");
            }
        }

        problems.AddRange(phrases.Keys.Where(k => !Required.ContainsKey(k)).Select(k => $"phrases.{k} is not used by the bot (a misspelt name?)."));
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The conversation content file '{path}' is incomplete:\n- " + string.Join("\n- ", problems));
        }

        return new BotText(phrases);
    }

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)\}")]
    private static partial Regex Placeholder();

    private sealed record Raw(Dictionary<string, string>? Phrases);
}
