namespace BackCare.Bot.Triage;

/// <summary>
/// One row of the triage: a question's id, how its reply is read, when it is needed, how a reply changes the
/// answers, and the warning sign it asks about. Its words (text, example, help, buttons, summary label,
/// confirmation) and the concepts that answer it are in triage-content.json; the phrasings are in the lexicon.
/// </summary>
/// <param name="Id">The question.</param>
/// <param name="Kind">How its reply is read.</param>
/// <param name="IsNeeded">Whether it still needs asking, given the answers so far.</param>
/// <param name="Apply">How a reply changes the answers.</param>
/// <param name="Value">The recorded answer, for the summary; <c>null</c> when not answered.</param>
/// <param name="Sign">The warning sign it asks about, if any: a mention of it at any turn answers it.</param>
public sealed record TriageQuestion(
    QuestionId Id,
    QuestionKind Kind,
    Func<TriageAnswers, bool> IsNeeded,
    Func<TriageAnswers, Reply, TriageAnswers> Apply,
    Func<TriageAnswers, object?> Value,
    RedFlag? Sign = null)
{
    /// <summary>Gets a value indicating whether the warning sign is a "no" (does the pain ease with rest?).</summary>
    public bool WarningWhenNo { get; init; }

    /// <summary>Gets, for a checklist, its items in the order shown: the sign and the question that asks it on its own.</summary>
    public IReadOnlyList<(RedFlag Sign, QuestionId Question)> Items { get; init; } = [];

    /// <summary>Gets, for a checklist, its lines in the order shown, each with its sign or signs.</summary>
    public IReadOnlyList<IReadOnlyList<RedFlag>> Lines { get; init; } = [];

    /// <summary>Gets a value indicating whether "not sure" counts as a possible yes (and the bot says so).</summary>
    public bool IsWarningSign => Sign is not null && Kind is QuestionKind.YesNo or QuestionKind.LegSymptom or QuestionKind.BelowKnee or QuestionKind.WhichLegs;
}
