using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>
/// What the bot listens for at every turn, whatever is being asked: warning signs (except those the current
/// question reads itself), the commands that work anywhere, and corrections of an answer just read back.
/// </summary>
/// <param name="language">The language layer.</param>
/// <param name="content">The triage content, for each question's concepts.</param>
/// <param name="replies">The reply reader, for corrections.</param>
/// <param name="commands">The command reader.</param>
public sealed class Listening(LanguageLayer language, TriageContent content, ReplyReader replies, CommandReader commands)
{
    /// <summary>
    /// What says yes to "has anything got worse, or is there anything new?": any warning sign, a fall, pain or
    /// numbness in a leg, getting worse; and what says no: the same, better.
    /// </summary>
    public static QuestionConcepts SomethingNew { get; } = new(
        [.. Enum.GetValues<RedFlag>().Where(f => TriageRules.LevelOf(f) >= Disposition.Urgent).Select(f => f.ToString()), "MinorFall", "LegPain", "LegNumbness", "WorseningNow"],
        ["NotWorse"]);

    /// <summary>The warning signs a message reports, leaving out those the current question reads itself.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="current">The triage question being asked, if any.</param>
    /// <returns>The signs, most urgent first.</returns>
    public IReadOnlyList<(RedFlag Sign, Answer Answer)> Signs(string? text, QuestionId? current)
    {
        var signs = SignScanner.Scan(language.Analyse(text));
        if (current is not QuestionId question || signs.Count == 0)
        {
            return signs;
        }

        var row = TriageQuestions.ById(question);
        var own = new HashSet<string>(content.Questions[question].Concepts.Yes.Concat(content.Questions[question].Concepts.No), StringComparer.Ordinal);
        own.UnionWith(row.Lines.SelectMany(l => l).Select(s => s.ToString()));
        if (row.Sign is RedFlag sign)
        {
            own.Add(sign.ToString());
        }

        return [.. signs.Where(s => !own.Contains(s.Sign.ToString()))];
    }

    /// <summary>A command that works at any turn.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The command, or <see cref="Command.None"/>.</returns>
    public Command Command(string? text) => commands.Read(text);

    /// <summary>
    /// A correction of the answer just read back: "no, it's 5", "actually about 2 weeks", "I meant 48". Only a
    /// message that starts like a correction and gives a different value for that question counts.
    /// </summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="question">The question whose answer was read back.</param>
    /// <param name="answers">The answers as recorded.</param>
    /// <param name="now">Today.</param>
    /// <returns>The corrected reply, or <c>null</c>.</returns>
    public Reply? Correction(string? text, QuestionId question, TriageAnswers answers, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var utterance = language.Normalize(text);
        var marker = LanguageLayer.Spans(language.Lexicon.Correction, utterance).FirstOrDefault();
        if (utterance.IsEmpty || marker.End == 0 || marker.Start != 0)
        {
            return null;
        }

        var rest = utterance.Words(marker.End, utterance.Tokens.Count).TrimStart(',', ' ');
        if (rest.Length == 0 || replies.Read(question, rest, now ?? DateTime.UtcNow) is not Reply reply || reply.NeedsConfirmation)
        {
            return null;
        }

        var row = TriageQuestions.ById(question);
        var changed = row.Apply(answers with { Severity = null }, reply);
        return Equals(row.Value(changed), row.Value(answers)) ? null : reply;
    }
}
