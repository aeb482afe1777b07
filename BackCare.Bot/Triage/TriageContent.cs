using System.Text.Json;

namespace BackCare.Bot.Triage;

/// <summary>The words of one triage question.</summary>
/// <param name="Text">The question.</param>
/// <param name="Example">An example answer, given when a reply was unclear.</param>
/// <param name="Help">Why the question matters, for "help".</param>
/// <param name="Buttons">Two or three quick answers.</param>
/// <param name="YesPhrases">Phrases that answer yes (used when the reply is not a plain yes, no or not sure).</param>
/// <param name="NoPhrases">Phrases that answer no.</param>
/// <param name="Keywords">Words that mean yes unless denied ("fever" is yes, "no fever" is no).</param>
public sealed record QuestionText(
    string Text,
    string Example,
    string Help,
    IReadOnlyList<string> Buttons,
    IReadOnlyList<string>? YesPhrases = null,
    IReadOnlyList<string>? NoPhrases = null,
    IReadOnlyList<string>? Keywords = null)
{
    /// <summary>Gets the phrases and keywords, as the readers use them.</summary>
    public AnswerWords Words => new(YesPhrases ?? [], NoPhrases ?? [], Keywords ?? []);
}

/// <summary>What words answer a question, besides a plain yes or no.</summary>
/// <param name="YesPhrases">Phrases that answer yes.</param>
/// <param name="NoPhrases">Phrases that answer no.</param>
/// <param name="Keywords">Words that mean yes unless denied.</param>
public sealed record AnswerWords(IReadOnlyList<string> YesPhrases, IReadOnlyList<string> NoPhrases, IReadOnlyList<string> Keywords)
{
    /// <summary>Gets no extra words.</summary>
    public static AnswerWords None { get; } = new([], [], []);
}

/// <summary>What the bot says for one disposition.</summary>
public sealed record DispositionText(string Headline, string Next);

/// <summary>
/// Everything the bot says during triage, loaded from triage-content.json so a clinician can review it in one
/// place. <see cref="Load"/> refuses a file with anything missing, so a broken file stops the host at start-up.
/// </summary>
public sealed record TriageContent(
    IReadOnlyDictionary<QuestionId, QuestionText> Questions,
    IReadOnlyDictionary<RedFlag, string> Reasons,
    string ReasonSaid,
    string ReasonNotSure,
    string NotSureAcknowledgement,
    IReadOnlyDictionary<Disposition, DispositionText> Dispositions,
    string ReasonsIntro,
    string OtherConcernsIntro,
    string NotADiagnosis)
{
    /// <summary>The file's name, next to the assembly.</summary>
    public const string FileName = "triage-content.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

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

        var problems = new List<string>();
        if (raw is null)
        {
            throw new InvalidDataException($"The triage content file '{path}' is empty.");
        }

        var questions = ByEnum<QuestionId, QuestionText>(raw.Questions, "questions", problems);
        foreach (var (id, question) in questions)
        {
            if (string.IsNullOrWhiteSpace(question.Text) || string.IsNullOrWhiteSpace(question.Example) || string.IsNullOrWhiteSpace(question.Help))
            {
                problems.Add($"questions.{id} needs text, example and help.");
            }

            if (question.Buttons is null || question.Buttons.Count is < 2 or > 3)
            {
                problems.Add($"questions.{id} needs two or three buttons (Teams shows at most three).");
            }
        }

        var reasons = ByEnum<RedFlag, string>(raw.Reasons, "reasons", problems);
        var dispositions = ByEnum<Disposition, DispositionText>(raw.Dispositions, "dispositions", problems);
        Require(raw.ReasonSaid, "reasonSaid", problems, "{reason}");
        Require(raw.ReasonNotSure, "reasonNotSure", problems, "{reason}");
        Require(raw.NotSureAcknowledgement, "notSureAcknowledgement", problems);
        Require(raw.ReasonsIntro, "reasonsIntro", problems);
        Require(raw.OtherConcernsIntro, "otherConcernsIntro", problems);
        Require(raw.NotADiagnosis, "notADiagnosis", problems);
        if (dispositions.TryGetValue(Disposition.Emergency, out var emergency) && !emergency.Headline.Contains("{EmergencyNumber}", StringComparison.Ordinal))
        {
            problems.Add("dispositions.Emergency.headline must name {EmergencyNumber}.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The triage content file '{path}' is incomplete:\n- " + string.Join("\n- ", problems));
        }

        return new TriageContent(questions, reasons, raw.ReasonSaid!, raw.ReasonNotSure!, raw.NotSureAcknowledgement!, dispositions, raw.ReasonsIntro!, raw.OtherConcernsIntro!, raw.NotADiagnosis!);
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

    private static void Require(string? value, string name, List<string> problems, string? placeholder = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is missing.");
        }
        else if (placeholder is not null && !value.Contains(placeholder, StringComparison.Ordinal))
        {
            problems.Add($"{name} must contain {placeholder}.");
        }
    }

    private sealed record Raw(
        Dictionary<string, QuestionText>? Questions,
        Dictionary<string, string>? Reasons,
        string? ReasonSaid,
        string? ReasonNotSure,
        string? NotSureAcknowledgement,
        Dictionary<string, DispositionText>? Dispositions,
        string? ReasonsIntro,
        string? OtherConcernsIntro,
        string? NotADiagnosis);
}
