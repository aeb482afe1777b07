using System.Text.RegularExpressions;

namespace BackCare.Bot.Understanding;

/// <summary>
/// The one language layer every reader goes through: normalises a message once, finds the concept mentions of
/// the lexicon, and gives each its context as in ConText (Chapman et al.): a trigger ("no", "my husband",
/// "years ago", "what if", "maybe") reaches forward (or back) over the words of its clause, and its scope ends
/// at a terminator ("but", "except", "apart from", "although", "until", "now"…), at "and", "or" or a comma that
/// starts a new clause, or at the end of the sentence.
/// </summary>
/// <param name="lexicon">The lexicon.</param>
public sealed class LanguageLayer(Lexicon lexicon) : IDisposable
{
    /// <summary>How many words a trigger reaches at most.</summary>
    public const int Window = 8;

    /// <summary>How close after a mention a trailing trigger ("years ago", "I think") must come.</summary>
    public const int TrailingWindow = 6;

    /// <summary>How close after a mention a trailing denial ("are fine") must come, with no comma between.</summary>
    public const int NegationAfterWindow = 3;

    /// <summary>Gets the lexicon.</summary>
    public Lexicon Lexicon { get; } = lexicon;

    /// <summary>Normalises a message.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The utterance.</returns>
    public Utterance Normalize(string? text) => Utterance.Of(text, Lexicon);

    /// <summary>
    /// One reading per message: the same text object (a turn's activity text) is read once, however many readers
    /// ask in that turn.
    /// </summary>
    private readonly RecentReadings<Analysis> _read = new();

    /// <inheritdoc/>
    public void Dispose() => _read.Dispose();

    /// <summary>Reads a message.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>What it says.</returns>
    public Analysis Analyse(string? text) => text is null ? Analyse(Normalize(text)) : _read.Get(text, this, static (layer, t) => layer.Analyse(layer.Normalize(t)));

    /// <summary>Reads a normalised message.</summary>
    /// <param name="utterance">The message.</param>
    /// <returns>What it says.</returns>
    public Analysis Analyse(Utterance utterance)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        if (utterance.IsEmpty)
        {
            return new Analysis(utterance, [], [], false, 0);
        }

        var mentions = FindMentions(utterance);
        mentions.AddRange(FindItems(utterance, mentions));
        var taken = mentions.Select(m => (m.Start, m.End)).ToList();
        var pseudo = Spans(Lexicon.Pseudo, utterance);
        var triggers = new List<(Trigger Kind, int Start, int End)>();
        void Add(Trigger kind, LexiconPattern pattern)
        {
            foreach (var (start, end) in Spans(pattern, utterance))
            {
                triggers.Add((kind, start, end));
            }
        }

        Add(Trigger.NegationBefore, Lexicon.NegationBefore);
        Add(Trigger.NegationAfter, Lexicon.NegationAfter);
        Add(Trigger.Other, Lexicon.OtherBefore);
        Add(Trigger.PastBefore, Lexicon.PastBefore);
        Add(Trigger.PastAfter, Lexicon.PastAfter);
        Add(Trigger.Hypothetical, Lexicon.HypotheticalBefore);
        Add(Trigger.UncertainBefore, Lexicon.UncertainBefore);
        Add(Trigger.UncertainAfter, Lexicon.UncertainAfter);

        // The longest trigger wins where triggers overlap ("not sure if" over "not"); a trigger inside a
        // pseudo-trigger ("not sure") is no trigger, and one inside a mention's own words ("can not feel",
        // "makes no difference") does not apply to that mention (see WithContext).
        var accepted = new List<(Trigger Kind, int Start, int End)>();
        foreach (var trigger in triggers.OrderByDescending(t => t.End - t.Start).ThenBy(t => t.Start))
        {
            if (accepted.Any(a => a.Kind == trigger.Kind && a.Start < trigger.End && trigger.Start < a.End))
            {
                continue;
            }

            // Inside a pseudo-trigger: a denial is none ("not sure", "can not"), nor is any shorter trigger ("if" in
            // "if i sit", "worried about" in "worried about the numbness", "my husband" in "my husband crashed
            // into my car"); one the whole phrase makes is kept ("not sure" is still doubt).
            if (pseudo.Any(p => p.Start <= trigger.Start && trigger.End <= p.End
                && (trigger.Kind is Trigger.NegationBefore or Trigger.NegationAfter || trigger.End - trigger.Start < p.End - p.Start)))
            {
                continue;
            }

            accepted.Add(trigger);
        }

        var stops = Stops(utterance);
        var self = Spans(Lexicon.Self, utterance).Select(s => utterance.SentenceOf[s.Start]).ToHashSet();
        var yes = Spans(Lexicon.GeneralYes, utterance);
        var turns = Spans(Lexicon.ChecklistExcept, utterance).Concat(Spans(Lexicon.Terminators, utterance)).ToList();
        var read = mentions.Select(m => WithContext(m, accepted, stops, self, (yes, taken, turns), utterance)).ToList();
        var general = General(utterance, taken, yes);
        // "No, because…" gives a reason, not a "but": it ends a trigger's scope, yet is no contrast.
        var contrast = turns.Where(s => utterance.Tokens[s.Start] is not ("now" or "still" or "yet" or "until" or "because")).ToList();
        var after = 0;
        if (contrast.Count > 0)
        {
            var from = contrast.Max(c => c.End);
            var covered = taken.Concat(general.Select(g => (g.Start, g.End))).Concat(Spans(Lexicon.Polite, utterance)).ToList();
            after = Enumerable.Range(from, Math.Max(0, utterance.Tokens.Count - from))
                .Count(i => !Overlaps(covered, i, i + 1) && utterance.Tokens[i].Any(char.IsLetterOrDigit));
        }

        return new Analysis(utterance, read, general, contrast.Count > 0, after);
    }

    /// <summary>Every match of a pattern, as token ranges.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="utterance">The message.</param>
    /// <returns>The ranges.</returns>
    public static List<(int Start, int End)> Spans(LexiconPattern pattern, Utterance utterance)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.Spans(utterance);
    }

    private List<Mention> FindMentions(Utterance utterance)
    {
        var mentions = new List<Mention>();
        foreach (var concept in Lexicon.Concepts.Values)
        {
            var spans = Spans(concept.Pattern, utterance);
            if (concept.Name.StartsWith(Lexicon.ItemWordsPrefix, StringComparison.Ordinal) && spans.Count > 0)
            {
                // "Numb on the toilet", "worse during the night": a place or a time, not the item's short name.
                spans = spans.FindAll(s => s.Start == 0 || !Lexicon.PlacesBefore.Contains(utterance.Tokens[s.Start - 1]));
            }

            if (spans.Count == 0)
            {
                // Most concepts, for most messages (see LexiconPattern): nothing to sort.
                continue;
            }

            // Keep the widest of overlapping matches of one concept.
            foreach (var span in spans.OrderByDescending(s => s.End - s.Start).ThenBy(s => s.Start))
            {
                if (!mentions.Any(m => m.Concept == concept.Name && m.Start < span.End && span.Start < m.End))
                {
                    mentions.Add(new Mention(concept.Name, span.Start, span.End));
                }
            }
        }

        return [.. mentions.OrderBy(m => m.Start).ThenBy(m => m.Concept, StringComparer.Ordinal)];
    }

    /// <summary>The prefix of an item mention's concept: "#3" is the third item of a checklist.</summary>
    public const string ItemPrefix = "#";

    /// <summary>
    /// Checklist items named by number or ordinal: "3", "number 3", "the third", "the last one". Number words
    /// ("three") count only after a prefix ("number three"), and a number followed by a unit ("2 weeks") never.
    /// </summary>
    private IEnumerable<Mention> FindItems(Utterance utterance, List<Mention> mentions)
    {
        var tokens = utterance.Tokens;
        var lastItem = -2;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var prefixed = i > 0 && Lexicon.ItemPrefixes.Contains(tokens[i - 1]);

            // Words a voice typed for a number ("number to and for"): only after a prefix, or "and" after an item.
            var soundsLike = (prefixed || (i >= 2 && lastItem == i - 2 && tokens[i - 1] is "and" or "," or "&"))
                && Lexicon.SoundAlikeNumbers.TryGetValue(token, out var heard) ? heard : (int?)null;
            int? number = int.TryParse(token, out var n) && n is >= 1 and <= 20 ? n
                : Lexicon.Ordinals.TryGetValue(token, out var ordinal) ? ordinal : soundsLike;
            if (number is null || mentions.Any(m => m.Start <= i && i < m.End))
            {
                continue;
            }

            var isWord = !char.IsDigit(token[0]);
            var next = i + 1 < tokens.Count ? tokens[i + 1] : string.Empty;

            // "The first one", "the last": items; "the first time", "last night", "one of them": not.
            var wordThenWord = isWord && next.Length > 0 && char.IsLetter(next[0]) && next is not ("one" or "item" or "point" or "thing" or "line" or "option" or "box" or "and" or "or" or "too" or "also" or "maybe" or "definitely" or "applies" or "apply");
            if (soundsLike is null && ((isWord && CardinalWords.Contains(token) && !prefixed) || Lexicon.NotItemsBefore.Contains(next) || (next == "of" && !prefixed) || (wordThenWord && !prefixed)))
            {
                continue;
            }

            var start = prefixed ? i - 1 : i;
            lastItem = i;
            yield return new Mention(ItemPrefix + number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), start, i + 1);
        }

        // "The first two", "the first 3": items 1 to n.
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] == "first" && (CardinalWords.Contains(tokens[i + 1]) || int.TryParse(tokens[i + 1], out _)))
            {
                var n = int.TryParse(tokens[i + 1], out var digits) ? digits : Array.IndexOf(CardinalWordsInOrder, tokens[i + 1]) + 1;
                for (var item = 1; item <= Math.Min(n, 20); item++)
                {
                    yield return new Mention(ItemPrefix + item.ToString(System.Globalization.CultureInfo.InvariantCulture), i, i + 2);
                }
            }
        }
    }

    private static readonly string[] CardinalWordsInOrder = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    private static readonly HashSet<string> CardinalWords = new(CardinalWordsInOrder, StringComparer.Ordinal);

    /// <summary>Token positions where a scope ends: terminators, and "and" / "or" / "," starting a new clause.</summary>
    private HashSet<int> Stops(Utterance utterance)
    {
        var stops = new HashSet<int>();
        foreach (var (start, _) in Spans(Lexicon.Terminators, utterance))
        {
            stops.Add(start);
        }

        foreach (var (start, _) in Spans(Lexicon.ClauseStarters, utterance))
        {
            if (start > 0 && utterance.Tokens[start - 1] is "," or "and" or "or")
            {
                stops.Add(start - 1);
            }
        }

        return stops;
    }

    private Mention WithContext(Mention mention, List<(Trigger Kind, int Start, int End)> triggers, HashSet<int> stops, HashSet<int> selfSentences, (List<(int Start, int End)> Yes, List<(int Start, int End)> Mentions, List<(int Start, int End)> Turns) spans, Utterance utterance)
    {
        var (yes, taken, turns) = spans;
        var sentence = utterance.SentenceOf[mention.Start];
        bool Before(Trigger kind) => triggers.Any(t => t.Kind == kind && t.Start < mention.Start && Reaches(Math.Min(t.End, mention.Start), mention.Start)
            && (kind != Trigger.NegationBefore || !utterance.Tokens.Skip(t.End).Take(Math.Max(0, mention.Start - t.End)).Contains("just"))

            // "No 3, yes 4": a yes between a denial and a mention answers for the mention, once the denial has had
            // something of its own to deny; "not even a little bit numb", "do not think i have any" are the denial's.
            && (kind != Trigger.NegationBefore || !yes.Any(y => y.Start >= t.End && y.End <= mention.Start && taken.Any(m => m.Start >= t.End && m.End <= y.Start)))

            // "No, above the knee": a denial followed by a comma is an answer of its own, not a modifier.
            && (kind is not (Trigger.NegationBefore or Trigger.Other) || t.End >= utterance.Tokens.Count || utterance.Tokens[t.End] != "," || t.End >= mention.Start));
        // A trigger after the mention may itself start with a terminator ("…, but that was years ago").
        bool After(Trigger kind, int window) => triggers.Any(t => t.Kind == kind && t.Start >= mention.End && t.Start - mention.End <= window && Reaches(mention.End, t.Start, ownFirstWord: true)
            && (kind != Trigger.NegationAfter || !utterance.Tokens.Skip(mention.End).Take(t.Start - mention.End).Contains(",")));

        bool Reaches(int from, int to, bool ownFirstWord = false)
        {
            if (to - from > Window || utterance.SentenceOf[Math.Min(from, utterance.Tokens.Count - 1)] != sentence)
            {
                return false;
            }

            for (var i = from; i <= to && i < utterance.Tokens.Count; i++)
            {
                // A terminator at the mention's own first word ends the scope before it ("no numbness, only my leg…").
                if ((stops.Contains(i) && !(ownFirstWord && i == to)) || (i < to && utterance.SentenceOf[i] != sentence))
                {
                    return false;
                }
            }

            return true;
        }

        var other = Before(Trigger.Other) && !selfSentences.Contains(sentence);

        // "Bladder problems? No.": a question answered with a bare no in the next sentence.
        var answeredNo = AnsweredNo(mention, utterance);
        Lexicon.Concepts.TryGetValue(mention.Concept, out var entry);

        // An item's short name ("the cancer") is read with its sign's exclusions ("was my mum's, not mine").
        if (entry is { Excludes: null } && mention.Concept.StartsWith(Lexicon.ItemWordsPrefix, StringComparison.Ordinal)
            && Lexicon.Concepts.TryGetValue(mention.Concept[Lexicon.ItemWordsPrefix.Length..], out var sign))
        {
            entry = entry with { Excludes = sign.Excludes };
        }

        // "Never had cancer till last year, breast cancer", "a benign cyst, but bowel cancer in 2015": an exclusion
        // says nothing of a mention after a turn ("but", "until", "apart from") that follows it. One after the
        // mention still explains it ("lost weight, but I'm on a diet").
        var excluded = entry?.Excludes is { } excludes && Spans(excludes, utterance).Any(s => utterance.SentenceOf[s.Start] == sentence && !Denied(s.Start)
            && !turns.Any(t => t.Start >= s.End && t.End <= mention.Start));

        // "Not dieting" does not explain weight loss away.
        // "No, cancer free my whole life": a denial followed by a comma is an answer of its own.
        bool Denied(int at) => Enumerable.Range(Math.Max(0, at - 2), Math.Min(2, at))
            .Any(i => utterance.Tokens[i] is "not" or "no" or "never" or "without" && utterance.Tokens[i + 1] != ",");
        return mention with
        {
            Negated = excluded || answeredNo || Before(Trigger.NegationBefore) || After(Trigger.NegationAfter, NegationAfterWindow),
            Other = other,
            Past = entry is { Current: true } && (Before(Trigger.PastBefore) || triggers.Any(t => t.Kind == Trigger.PastBefore && t.Start == mention.Start) || After(Trigger.PastAfter, TrailingWindow) || PastYear(mention, utterance)),
            Hypothetical = Before(Trigger.Hypothetical),
            Uncertain = Before(Trigger.UncertainBefore) || After(Trigger.UncertainAfter, TrailingWindow),
        };
    }

    private List<(GeneralAnswer Answer, int Start, int End)> General(Utterance utterance, List<(int Start, int End)> taken, List<(int Start, int End)> yes)
    {
        var found = new List<(GeneralAnswer Answer, int Start, int End)>();
        foreach (var (answer, spans) in new[] { (GeneralAnswer.NotSure, Spans(Lexicon.GeneralNotSure, utterance)), (GeneralAnswer.No, Spans(Lexicon.GeneralNo, utterance)), (GeneralAnswer.Yes, yes) })
        {
            foreach (var (start, end) in spans)
            {
                found.Add((answer, start, end));
            }
        }

        // The longest reading of overlapping words wins ("no idea" is not sure, not no); words inside a concept's
        // phrase ("makes no difference") are the concept's.
        var kept = new List<(GeneralAnswer Answer, int Start, int End)>();
        var lastWord = utterance.Tokens.Count - 1;
        while (lastWord > 0 && !utterance.Tokens[lastWord].Any(char.IsLetterOrDigit))
        {
            lastWord--;
        }

        foreach (var item in found.OrderByDescending(f => f.End - f.Start))
        {
            // "I do", "it is" answer a question only when they are the whole reply, not inside a sentence.
            var pronounLed = utterance.Tokens[item.Start] is "i" or "it" or "there" or "that" or "they" or "we";
            var wholeReply = item.Start == 0 && item.End > lastWord;

            // A plain answer opens the reply or a sentence or clause of it ("no, but…", "well no", "…, I don't
            // know"); inside a sentence ("I don't feel nothing") it is not an answer.
            var opens = item.Start <= 1 || utterance.Tokens[item.Start - 1] is "," or "." or "!" or "?" or ";" or ":" or "-" or "but" or "and" or "so";
            if (!opens && !wholeReply)
            {
                continue;
            }

            var wordless = !utterance.Tokens.Skip(item.Start).Take(item.End - item.Start).Any(t => t.Any(char.IsLetterOrDigit));
            if (((pronounLed && item.Answer != GeneralAnswer.NotSure) || wordless) && !wholeReply)
            {
                continue;
            }

            // A plain word inside a longer phrase of a concept ("makes no difference") is the concept's.
            var insidePhrase = taken.Any(t => t.Start < item.End && item.Start < t.End && t.End - t.Start > item.End - item.Start);
            if (!insidePhrase && !kept.Any(k => k.Start < item.End && item.Start < k.End))
            {
                kept.Add(item);
            }
        }

        return [.. kept.OrderBy(k => k.Start)];
    }

    private static bool AnsweredNo(Mention mention, Utterance utterance)
    {
        var end = mention.End;
        while (end < utterance.Tokens.Count && utterance.SentenceOf[end] == utterance.SentenceOf[mention.Start] && utterance.Tokens[end] != "?")
        {
            end++;
        }

        if (end >= utterance.Tokens.Count || utterance.Tokens[end] != "?")
        {
            return false;
        }

        var rest = utterance.Tokens.Skip(end + 1).Where(t => t.Any(char.IsLetter)).ToList();
        return rest.Count is > 0 and <= 2 && rest[0] is "no" or "nope" or "nah" or "never" or "none" or "not";
    }

    /// <summary>"My fusion was back in 2012": a year two or more years ago, later in the same sentence, puts a current symptom in the past.</summary>
    private static bool PastYear(Mention mention, Utterance utterance)
    {
        var thisYear = DateTime.UtcNow.Year;
        for (var i = mention.End; i < utterance.Tokens.Count && utterance.SentenceOf[i] == utterance.SentenceOf[mention.Start]; i++)
        {
            if (utterance.Tokens[i].Length == 4 && int.TryParse(utterance.Tokens[i], out var year) && year >= 1930 && year <= thisYear - 2)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlaps(List<(int Start, int End)> spans, int start, int end) => spans.Any(s => s.Start < end && start < s.End);

    private enum Trigger
    {
        NegationBefore,
        NegationAfter,
        Other,
        PastBefore,
        PastAfter,
        Hypothetical,
        UncertainBefore,
        UncertainAfter,
    }
}
