namespace BackCare.Bot.Understanding;

/// <summary>
/// The lexicon's <c>duration</c> section: the words <see cref="DurationReader"/> reads an answer to "how long has it
/// lasted" with, beside the date and time recogniser.
/// </summary>
/// <param name="Units">A unit's singular ("week") and its days, as the recogniser counts them.</param>
/// <param name="Counts">Number words a plain answer may use ("a", "two") and their values.</param>
/// <param name="AfterNumber">Short units read as units only after a number ("3 d", "2 w"), and the unit spelt out.</param>
/// <param name="AndAHalf">What adds half a unit after "count unit" ("a month and a half").</param>
/// <param name="Seasons">For each season's patterns ("since the spring"), the month it starts.</param>
/// <param name="Unclear">Answers that could fall either side of the four-week line: the bot asks again.</param>
/// <param name="BeforeRecognizer">Vague answers the recogniser would read too precisely, and the days each means.</param>
/// <param name="AfterRecognizer">Vague answers the recogniser does not know, and the days each means.</param>
public sealed record DurationWords(
    IReadOnlyDictionary<string, int> Units,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyDictionary<string, string> AfterNumber,
    IReadOnlyList<string> AndAHalf,
    IReadOnlyList<(int Month, LexiconPattern Pattern)> Seasons,
    LexiconPattern Unclear,
    IReadOnlyList<(int Days, LexiconPattern Pattern)> BeforeRecognizer,
    IReadOnlyList<(int Days, LexiconPattern Pattern)> AfterRecognizer)
{
    /// <summary>Where a season pattern names the season.</summary>
    public const string SeasonPlaceholder = "{season}";
}
