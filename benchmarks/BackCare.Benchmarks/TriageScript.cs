using Newtonsoft.Json.Linq;

namespace BackCare.Benchmarks;

/// <summary>
/// Plays the "all clear" person: recognises each question BackCare asks by its text in the triage content file,
/// whatever the order, and answers it so that the triage ends in self-care.
/// </summary>
internal sealed class TriageScript
{
    private readonly List<(string Key, string Text, bool Checklist)> _questions;

    private TriageScript(List<(string Key, string Text, bool Checklist)> questions, string selfCare)
    {
        _questions = questions;
        SelfCareHeadline = selfCare;
    }

    /// <summary>Gets the headline of the self-care advice: the end of an all-clear triage.</summary>
    public string SelfCareHeadline { get; }

    public static TriageScript Load(string path)
    {
        var content = JObject.Parse(File.ReadAllText(path));
        var questions = ((JObject)content["questions"]!).Properties()
            .Select(p => (
                Key: p.Name,
                Text: (string)p.Value["text"]!,
                Checklist: p.Value["buttons"] is JArray buttons && buttons.Any(b => string.Equals((string?)b, "None of these", StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(q => q.Text.Length)
            .ToList();
        return new TriageScript(questions, (string)content["dispositions"]!["SelfCare"]!["headline"]!);
    }

    /// <summary>The question a reply asks: the longest question text it holds (else its first sentence), or <c>null</c>.</summary>
    /// <param name="reply">The bot's reply, all its messages.</param>
    /// <returns>The question's key in the content file.</returns>
    public (string Key, bool Checklist)? Recognise(string reply)
    {
        foreach (var question in _questions)
        {
            if (reply.Contains(question.Text, StringComparison.Ordinal))
            {
                return (question.Key, question.Checklist);
            }
        }

        // Re-worded renderings: the question's first sentence.
        return _questions
            .Select(q => (q.Key, q.Checklist, First: FirstSentence(q.Text)))
            .Where(q => reply.Contains(q.First, StringComparison.Ordinal))
            .OrderByDescending(q => q.First.Length)
            .Select(q => ((string Key, bool Checklist)?)(q.Key, q.Checklist))
            .FirstOrDefault();
    }

    /// <summary>The all-clear answer to a question.</summary>
    /// <param name="key">The question's key.</param>
    /// <param name="checklist">Whether it is a checklist ("none of these").</param>
    /// <returns>What the person says.</returns>
    public static string AllClear(string key, bool checklist) => checklist ? "none of these" : key switch
    {
        "Age" => "34",
        "PainLocation" => "lower back",
        "Duration" => "5 days",
        "Severity" => "3",
        "Rest" => "yes",
        _ => "no",
    };

    private static string FirstSentence(string text)
    {
        var end = text.IndexOfAny(['?', '.', '\n']);
        return end > 0 ? text[..(end + 1)] : text;
    }
}
