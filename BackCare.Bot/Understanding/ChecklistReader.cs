using System.Globalization;
using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads a reply to a checklist ("do any of these apply?"): "none of these", "yes, one of them", "not sure",
/// and the items named by number ("2 and 5", "the last one"), by their words ("the bladder one", "chest pain")
/// or as exceptions ("all fine except number 3", "none apart from the chest pain"). A named item counts unless
/// it is denied; doubt about it counts as "not sure".
/// </summary>
/// <param name="language">The language layer.</param>
public sealed class ChecklistReader(LanguageLayer language)
{
    /// <summary>Reads a reply.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="lines">The checklist's lines in the order shown, each with its sign or signs.</param>
    /// <returns>The reply, or <c>null</c> when unclear.</returns>
    public Reply? Read(string? text, IReadOnlyList<IReadOnlyList<RedFlag>> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var analysis = language.Analyse(text);
        if (analysis.Utterance.IsEmpty)
        {
            return null;
        }

        var signs = new Dictionary<RedFlag, Answer>();
        var askEach = new List<RedFlag>();
        if (OneByOne(analysis) is { } answered)
        {
            foreach (var (number, answer) in answered)
            {
                var index = number < 0 ? lines.Count - 1 : number - 1;
                if (index < 0 || index >= lines.Count || answer == Answer.No)
                {
                    continue;
                }

                if (lines[index].Count == 1)
                {
                    Add(signs, lines[index][0], answer);
                }
                else
                {
                    askEach.AddRange(lines[index]);
                }
            }

            return signs.Count > 0 || askEach.Count > 0
                ? new Reply { Checklist = ChecklistAnswer.Named, Signs = signs, AskEach = askEach.Except(signs.Keys).ToList() }
                : new Reply { Checklist = ChecklistAnswer.None, Answer = Answer.No };
        }

        var named = lines.SelectMany(l => l).Select(s => s.ToString()).ToHashSet(StringComparer.Ordinal);
        var affirmed = analysis.Mentions.Where(m => m.Affirmed).ToList();
        RedFlag? SignOf(Mention m) => Enum.TryParse<RedFlag>(m.Concept.TrimStart(Lexicon.ItemWordsPrefix[0]), out var s) ? s : null;
        affirmed.RemoveAll(m => SignOf(m) is RedFlag loser && affirmed.Any(w => SignOf(w) is RedFlag winner && SignScanner.Subsumes(winner, loser) && w.Start < m.End && m.Start < w.End));
        foreach (var mention in affirmed)
        {
            var answer = mention.Uncertain ? Answer.NotSure : Answer.Yes;
            if (mention.Concept.StartsWith(LanguageLayer.ItemPrefix, StringComparison.Ordinal))
            {
                var number = int.Parse(mention.Concept.AsSpan(LanguageLayer.ItemPrefix.Length), CultureInfo.InvariantCulture);
                var index = number < 0 ? lines.Count - 1 : number - 1;
                if (index < 0 || index >= lines.Count)
                {
                    continue;
                }

                if (lines[index].Count == 1)
                {
                    Add(signs, lines[index][0], answer);
                }
                else
                {
                    askEach.AddRange(lines[index]);
                }
            }
            else if (Enum.TryParse<RedFlag>(mention.Concept.TrimStart(Lexicon.ItemWordsPrefix[0]), out var sign) && named.Contains(sign.ToString()))
            {
                Add(signs, sign, answer);
            }
        }

        var all = LanguageLayer.Spans(language.Lexicon.ChecklistAll, analysis.Utterance);
        var noneSaid = LanguageLayer.Spans(language.Lexicon.ChecklistNone, analysis.Utterance);
        var denied = noneSaid.Any(n => all.Count > 0 && n.Start <= all[0].Start) || analysis.General.Any(g => g.Answer == GeneralAnswer.No && all.Count > 0 && g.Start <= all[0].Start);
        if (all.Count > 0 && !denied)
        {
            // "All of them except 5 and 7": every line but the exceptions.
            var except = LanguageLayer.Spans(language.Lexicon.ChecklistExcept, analysis.Utterance).Where(e => e.Start >= all[0].End).Select(e => e.Start).DefaultIfEmpty(int.MaxValue).Min();
            var excepted = new HashSet<RedFlag>();
            foreach (var mention in analysis.Mentions.Where(m => m.Start >= except))
            {
                if (mention.Concept.StartsWith(LanguageLayer.ItemPrefix, StringComparison.Ordinal))
                {
                    var number = int.Parse(mention.Concept.AsSpan(LanguageLayer.ItemPrefix.Length), CultureInfo.InvariantCulture);
                    var index = number < 0 ? lines.Count - 1 : number - 1;
                    if (index >= 0 && index < lines.Count)
                    {
                        excepted.UnionWith(lines[index]);
                    }
                }
                else if (Enum.TryParse<RedFlag>(mention.Concept.TrimStart(Lexicon.ItemWordsPrefix[0]), out var sign))
                {
                    excepted.Add(sign);
                }
            }

            var everything = lines.SelectMany(l => l).Where(s => !excepted.Contains(s)).ToDictionary(s => s, _ => Answer.Yes);
            return new Reply { Checklist = ChecklistAnswer.Named, Signs = everything, AskEach = [] };
        }

        if (signs.Count > 0 || askEach.Count > 0)
        {
            return new Reply { Checklist = ChecklistAnswer.Named, Signs = signs, AskEach = askEach.Except(signs.Keys).ToList() };
        }

        var none = noneSaid.Count > 0 || analysis.Says(GeneralAnswer.No);
        var some = LanguageLayer.Spans(language.Lexicon.ChecklistSome, analysis.Utterance).Count > 0 || analysis.Says(GeneralAnswer.Yes);
        var unsure = analysis.Says(GeneralAnswer.NotSure) || analysis.Mentions.Any(m => m.Uncertain && !m.Negated);
        if (some || unsure || (none && analysis.HasContrast && analysis.AfterContrast >= 2))
        {
            // Yes without saying which, not sure, or "none, but…": each item is asked on its own.
            return new Reply { Checklist = ChecklistAnswer.Some, Answer = unsure && !some ? Answer.NotSure : Answer.Yes };
        }

        return none ? new Reply { Checklist = ChecklistAnswer.None, Answer = Answer.No } : null;
    }

    /// <summary>
    /// Items answered one by one, "1 no 2 no 3 yes", "3 and 6 no, 1 yes" or "no to 1, yes to 2": every item named by
    /// number, alone or in a run joined by "and" or a comma, with a plain answer on the same side of each run
    /// (after it when the reply starts with an item, before it when the reply starts with an answer).
    /// </summary>
    private List<(int Number, Answer Answer)>? OneByOne(Analysis analysis)
    {
        var utterance = analysis.Utterance;
        var tokens = utterance.Tokens;
        var items = analysis.Mentions.Where(m => m.Concept.StartsWith(LanguageLayer.ItemPrefix, StringComparison.Ordinal)).OrderBy(m => m.Start).ToList();
        if (items.Count < 2)
        {
            return null;
        }

        var answers = new List<(Answer Answer, int Start, int End)>();
        foreach (var (answer, pattern) in new[] { (Answer.Yes, language.Lexicon.GeneralYes), (Answer.No, language.Lexicon.GeneralNo), (Answer.NotSure, language.Lexicon.GeneralNotSure) })
        {
            answers.AddRange(LanguageLayer.Spans(pattern, utterance).Select(s => (answer, s.Start, s.End)));
        }

        var after = items[0].Start == 0;
        if (!after && !answers.Any(a => a.Start == 0))
        {
            return null;
        }

        // Runs of items: "3 and 6", "1, 2".
        var runs = new List<List<Mention>> { new() { items[0] } };
        foreach (var item in items.Skip(1))
        {
            var last = runs[^1][^1];
            var between = tokens.Skip(last.End).Take(item.Start - last.End).ToList();
            if (between.Count == 1 && between[0] is "and" or "," or "&" or "or")
            {
                runs[^1].Add(item);
            }
            else
            {
                runs.Add([item]);
            }
        }

        bool Joins(int at) => at >= 0 && at < tokens.Count && tokens[at] is ":" or "-" or "=" or "to" or "for";
        var read = new List<(int Number, Answer Answer)>();
        foreach (var run in runs)
        {
            var (first, end) = (run[0].Start, run[^1].End);
            var found = after
                ? answers.Where(a => a.Start == end || (a.Start == end + 1 && Joins(end))).OrderByDescending(a => a.End).FirstOrDefault()
                : answers.Where(a => a.End == first || (a.End == first - 1 && Joins(first - 1))).OrderBy(a => a.Start).FirstOrDefault();
            if (found == default)
            {
                return null;
            }

            read.AddRange(run.Select(m => (int.Parse(m.Concept.AsSpan(LanguageLayer.ItemPrefix.Length), CultureInfo.InvariantCulture), found.Answer)));
        }

        return read;
    }

    private static void Add(Dictionary<RedFlag, Answer> signs, RedFlag sign, Answer answer)
        => signs[sign] = signs.TryGetValue(sign, out var earlier) ? ((Answer?)earlier).Stronger(answer) : answer;
}
