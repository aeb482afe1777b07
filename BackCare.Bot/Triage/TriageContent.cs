using System.Text.Json;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Triage;

/// <summary>The words of one triage question.</summary>
/// <param name="Text">The question.</param>
/// <param name="Example">An example answer, given when a reply was unclear.</param>
/// <param name="Help">Why the question matters, for "help".</param>
/// <param name="Buttons">Quick answers.</param>
/// <param name="Summary">Its label in the handover summary.</param>
/// <param name="Confirm">The check asked after a mixed or hedged reply, naming the sign (yes/no questions).</param>
/// <param name="YesConcepts">Lexicon concepts whose mention answers yes.</param>
/// <param name="NoConcepts">Lexicon concepts whose mention answers no.</param>
public sealed record QuestionText(
    string Text,
    string Example,
    string Help,
    IReadOnlyList<string> Buttons,
    string Summary,
    string? Confirm = null,
    IReadOnlyList<string>? YesConcepts = null,
    IReadOnlyList<string>? NoConcepts = null)
{
    /// <summary>Gets the concepts that answer the question.</summary>
    public QuestionConcepts Concepts => new(YesConcepts ?? [], NoConcepts ?? []);
}

/// <summary>What the bot says for one disposition.</summary>
/// <param name="Headline">What to do.</param>
/// <param name="Next">What to do next, and when to get help sooner (safety-netting).</param>
public sealed record DispositionText(string Headline, string Next);

/// <summary>
/// Everything the bot says during triage, loaded from triage-content.json so a clinician can review it in one
/// place. <see cref="Load"/> refuses a file with anything missing, so a broken file stops the host at start-up.
/// </summary>
public sealed record TriageContent(
    IReadOnlyDictionary<QuestionId, QuestionText> Questions,
    IReadOnlyDictionary<RedFlag, string> Reasons,
    IReadOnlyDictionary<Disposition, DispositionText> Dispositions,
    IReadOnlyDictionary<string, string> Phrases)
{
    /// <summary>The file's name, next to the assembly.</summary>
    public const string FileName = "triage-content.json";

    /// <summary>The phrases the file must have, with the placeholders each must contain.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RequiredPhrases = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["reasonSaid"] = ["{reason}"],
        ["reasonNotSure"] = ["{reason}"],
        ["notSureAcknowledgement"] = [],
        ["reasonsIntro"] = [],
        ["otherConcernsIntro"] = [],
        ["notADiagnosis"] = [],
        ["underSixteen"] = [],
        ["readBack"] = ["{value}"],
        ["flowUpdated"] = [],
        ["corrected"] = ["{value}"],
        ["signNoted"] = ["{reason}"],
        ["summaryTitle"] = [],
        ["summaryNoAnswers"] = [],
        ["summaryResult"] = ["{result}"],
        ["summaryBecause"] = ["{reason}"],
        ["summaryAlso"] = ["{reason}"],
        ["summaryYouSaid"] = ["{words}"],
        ["severityValue"] = ["{score}"],
        ["answer.Yes"] = [],
        ["answer.No"] = [],
        ["answer.NotSure"] = [],
        ["legs.One"] = [],
        ["legs.Both"] = [],
        ["legs.NotSure"] = [],
        ["site.Lower"] = [],
        ["site.Upper"] = [],
        ["site.Both"] = [],
        ["age.Under16"] = [],
        ["age.From16To19"] = [],
        ["age.From20To49"] = [],
        ["age.From50To69"] = [],
        ["age.From50To64"] = [],
        ["age.From65To69"] = [],
        ["age.SeventyOrOver"] = [],
        ["age.Under50"] = [],
        ["age.FiftyOrOver"] = [],
        ["duration.today"] = [],
        ["duration.day"] = [],
        ["duration.days"] = ["{n}"],
        ["duration.weeks"] = ["{n}"],
        ["duration.months"] = ["{n}"],
        ["duration.year"] = [],
        ["level.Emergency"] = [],
        ["level.Urgent"] = [],
        ["level.Doctor"] = [],
        ["level.SelfCare"] = [],
    };

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>A phrase by name.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The words.</returns>
    public string Phrase(string name) => Phrases[name];

    /// <summary>Loads and checks the content file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The content.</returns>
    /// <exception cref="InvalidDataException">The file is missing, is not valid JSON, or lacks an entry.</exception>
    public static TriageContent Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The triage content file was not found at '{path}'.");
        }

        Raw? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Raw>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The triage content file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        if (raw is null)
        {
            throw new InvalidDataException($"The triage content file '{path}' is empty.");
        }

        var problems = new List<string>();
        var questions = ByEnum<QuestionId, QuestionText>(raw.Questions, "questions", problems);
        foreach (var (id, question) in questions)
        {
            if (string.IsNullOrWhiteSpace(question.Text) || string.IsNullOrWhiteSpace(question.Example) || string.IsNullOrWhiteSpace(question.Help) || string.IsNullOrWhiteSpace(question.Summary))
            {
                problems.Add($"questions.{id} needs text, example, help and summary.");
            }

            if (question.Buttons is null || question.Buttons.Count is < 2 or > 6)
            {
                problems.Add($"questions.{id} needs two to six buttons.");
            }

            var row = TriageQuestions.ById(id);
            if (row.Kind is QuestionKind.YesNo or QuestionKind.LegSymptom && row.Sign is not null && string.IsNullOrWhiteSpace(question.Confirm))
            {
                problems.Add($"questions.{id} needs a confirm text (asked after a mixed reply).");
            }

            if (row.Kind is QuestionKind.YesNo or QuestionKind.LegSymptom && (question.YesConcepts is null || question.YesConcepts.Count == 0))
            {
                problems.Add($"questions.{id} needs yesConcepts.");
            }
        }

        var reasons = ByEnum<RedFlag, string>(raw.Reasons, "reasons", problems);
        var dispositions = ByEnum<Disposition, DispositionText>(raw.Dispositions, "dispositions", problems);
        var phrases = raw.Phrases ?? [];
        foreach (var (name, placeholders) in RequiredPhrases)
        {
            if (!phrases.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"phrases.{name} is missing.");
            }
            else
            {
                problems.AddRange(placeholders.Where(p => !value.Contains(p, StringComparison.Ordinal)).Select(p => $"phrases.{name} must contain {p}."));
            }
        }

        if (dispositions.TryGetValue(Disposition.Emergency, out var emergency) && !emergency.Headline.Contains("{EmergencyNumber}", StringComparison.Ordinal))
        {
            problems.Add("dispositions.Emergency.headline must name {EmergencyNumber}.");
        }

        foreach (var (level, text) in dispositions.Where(d => d.Key != Disposition.Emergency))
        {
            if (!text.Next.Contains("{EmergencyNumber}", StringComparison.Ordinal))
            {
                problems.Add($"dispositions.{level}.next must say when to call {{EmergencyNumber}} (safety-netting).");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The triage content file '{path}' is incomplete:\n- " + string.Join("\n- ", problems));
        }

        return new TriageContent(questions, reasons, dispositions, phrases);
    }

    /// <summary>Checks that every concept the questions name is in the lexicon.</summary>
    /// <param name="lexicon">The lexicon.</param>
    /// <exception cref="InvalidDataException">A question names a concept the lexicon lacks.</exception>
    public void CheckAgainst(Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        var missing = Questions
            .SelectMany(q => (q.Value.YesConcepts ?? []).Concat(q.Value.NoConcepts ?? []).Select(c => (q.Key, Concept: c)))
            .Where(x => !lexicon.Defines(x.Concept))
            .Select(x => $"questions.{x.Key} names the concept '{x.Concept}', which the lexicon does not define.")
            .ToList();
        missing.AddRange(Enum.GetValues<RedFlag>()
            .Where(f => TriageRules.LevelOf(f) >= Disposition.Urgent && f is not (RedFlag.SevereNotEasedByRest or RedFlag.FallWithOsteoporosisOrSteroids) && !lexicon.Defines(f.ToString()))
            .Select(f => $"The lexicon has no concept for the warning sign {f}, so it would not be heard at every turn."));
        if (missing.Count > 0)
        {
            throw new InvalidDataException("The triage content and the lexicon do not agree:\n- " + string.Join("\n- ", missing));
        }
    }

    private static Dictionary<TKey, TValue> ByEnum<TKey, TValue>(Dictionary<string, TValue>? entries, string section, List<string> problems)
        where TKey : struct, Enum
    {
        var result = new Dictionary<TKey, TValue>();
        foreach (var (name, value) in entries ?? [])
        {
            if (!Enum.TryParse<TKey>(name, ignoreCase: false, out var key) || !Enum.IsDefined(key))
            {
                problems.Add($"{section}.{name} is not a known {typeof(TKey).Name}.");
            }
            else if (value is null)
            {
                problems.Add($"{section}.{name} is empty.");
            }
            else
            {
                result[key] = value;
            }
        }

        foreach (var key in Enum.GetValues<TKey>().Where(k => !result.ContainsKey(k)))
        {
            problems.Add($"{section}.{key} is missing.");
        }

        return result;
    }

    private sealed record Raw(
        Dictionary<string, QuestionText>? Questions,
        Dictionary<string, string>? Reasons,
        Dictionary<string, DispositionText>? Dispositions,
        Dictionary<string, string>? Phrases);
}
