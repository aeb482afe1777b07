using System.Text.Json;
using System.Text.RegularExpressions;

namespace BackCare.Bot.Understanding;

/// <summary>
/// How people say things: the phrasings of every concept and the ConText triggers, loaded from
/// <c>Content/en/lexicon.json</c> and compiled once. <see cref="Load"/> refuses a malformed file, so a broken
/// lexicon stops the host at start-up with a message that says where.
/// </summary>
public sealed class Lexicon
{
    /// <summary>The lexicon's file name, in the language's content folder.</summary>
    public const string FileName = "lexicon.json";

    /// <summary>The prefix of the concepts that name a checklist item by its short name ("@ChestPain").</summary>
    public const string ItemWordsPrefix = "@";

    /// <summary>The English word list's file name, next to the lexicon.</summary>
    public const string KnownWordsFileName = "known-words.txt";

    /// <summary>How long one pattern may take over one message before what it found so far is read: a pathological message must not hold a turn.</summary>
    public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromSeconds(1);

    private readonly TimeSpan MatchTimeout;
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private Lexicon(Raw raw, HashSet<string> knownWords, TimeSpan matchTimeout)
    {
        MatchTimeout = matchTimeout;
        Rewrites = (raw.Rewrite ?? []).ToDictionary(kv => kv.Key.ToLowerInvariant(), kv => kv.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        _phraseRewrites = Rewrites
            .Select(kv => (From: kv.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries), To: kv.Value))
            .Where(r => r.From.Length > 1)
            .GroupBy(r => r.From[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.From.Length).ToArray(), StringComparer.Ordinal);
        var context = raw.Context ?? throw new InvalidDataException("context is missing.");
        var sets = (raw.Sets ?? []).ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
        var hardStops = (context.Terminators ?? []).Where(t => !t.Contains(' ', StringComparison.Ordinal) && !SoftTerminators.Contains(t));
        var compiler = new PatternCompiler(sets, context.ClauseStarters ?? [], hardStops);

        Concepts = (raw.Concepts ?? []).ToDictionary(
            kv => kv.Key,
            kv => new ConceptEntry(
                kv.Key,
                kv.Value.Current,
                Build(compiler, kv.Value.Patterns, $"concepts.{kv.Key}"),
                kv.Value.Excludes is { Count: > 0 } excludes ? Build(compiler, excludes, $"concepts.{kv.Key}.excludes") : null),
            StringComparer.Ordinal);

        // Short names of checklist items ("the chest one", "the bladder thing"), read only in checklists.
        foreach (var (sign, patterns) in raw.Checklist?.Items ?? [])
        {
            var name = ItemWordsPrefix + sign;
            ((Dictionary<string, ConceptEntry>)Concepts)[name] = new ConceptEntry(name, true, Build(compiler, patterns, $"checklist.items.{sign}"), null);
        }

        NegationBefore = Build(compiler, context.Negation?.Before, "context.negation.before");
        NegationAfter = Build(compiler, context.Negation?.After, "context.negation.after");
        OtherBefore = Build(compiler, context.Other?.Before, "context.other.before");
        Self = Build(compiler, context.Self, "context.self");
        PastBefore = Build(compiler, context.Past?.Before, "context.past.before");
        PastAfter = Build(compiler, context.Past?.After, "context.past.after");
        HypotheticalBefore = Build(compiler, context.Hypothetical?.Before, "context.hypothetical.before");
        UncertainBefore = Build(compiler, context.Uncertain?.Before, "context.uncertain.before");
        UncertainAfter = Build(compiler, context.Uncertain?.After, "context.uncertain.after");
        Terminators = Build(compiler, context.Terminators, "context.terminators");
        ClauseStarters = Build(compiler, context.ClauseStarters, "context.clauseStarters");
        Pseudo = Build(compiler, context.Pseudo, "context.pseudo");

        var general = raw.General ?? throw new InvalidDataException("general is missing.");
        GeneralYes = Build(compiler, general.Yes, "general.yes");
        GeneralNo = Build(compiler, general.No, "general.no");
        GeneralNotSure = Build(compiler, general.NotSure, "general.notSure");
        ChecklistNone = Build(compiler, general.None, "general.none");
        ChecklistSome = Build(compiler, general.Some, "general.some");
        ChecklistAll = Build(compiler, general.All, "general.all", allowEmpty: true);

        var checklist = raw.Checklist ?? throw new InvalidDataException("checklist is missing.");
        ChecklistExcept = Build(compiler, checklist.Except, "checklist.except");
        Ordinals = (checklist.Ordinals ?? []).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        ItemPrefixes = new HashSet<string>(checklist.Prefixes ?? ["number", "no", "item", "#", "nr", "num"], StringComparer.Ordinal);
        NotItemsBefore = new HashSet<string>(checklist.Units ?? [], StringComparer.Ordinal);
        PlacesBefore = new HashSet<string>(checklist.Places ?? [], StringComparer.Ordinal);
        SoundAlikeNumbers = (checklist.SoundAlike ?? []).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

        Polite = Build(compiler, raw.Polite, "polite");
        PoliteAtStart = new LexiconPattern("^ " + Polite, RegexOptions.CultureInvariant, MatchTimeout);
        PoliteAtEnd = new LexiconPattern(Polite + "$", RegexOptions.CultureInvariant, MatchTimeout);
        Commands = ByName<Command>(compiler, raw.Commands, "commands", Command.None);
        RoutineCommands = ByName<RoutineCommand>(compiler, raw.RoutineCommands, "routineCommands", RoutineCommand.None);
        Severity = (raw.Severity ?? []).Select((s, i) => (s.Score, Build(compiler, s.Patterns, $"severity[{i}]"))).ToArray();
        if (Severity.Any(s => s.Score is < 0 or > 10))
        {
            throw new InvalidDataException("severity: every score must be between 0 and 10.");
        }

        Correction = Build(compiler, raw.Correction ?? [], "correction", allowEmpty: true);
        Decades = (raw.Decades ?? []).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        Duration = BuildDuration(compiler, raw.Duration ?? throw new InvalidDataException("duration is missing."));

        var vocabulary = new HashSet<string>(compiler.Words, StringComparer.Ordinal);
        foreach (var words in Rewrites.Values)
        {
            vocabulary.UnionWith(words);
        }

        Corrector = new TypoCorrector(knownWords, vocabulary, compiler.Stems);

        // Now that every pattern is compiled (the compiler knows how often the lexicon uses each word): what a
        // message must hold for each pattern to match, worked out when first needed (GatherNeeds).
        foreach (var (pattern, source) in _sources)
        {
            pattern.Needs(compiler.Needs(source));
        }

        _sources.Clear();

        _patterns = Concepts.Values.SelectMany(c => c.Excludes is null ? [c.Pattern] : new[] { c.Pattern, c.Excludes })
            .Concat([NegationBefore, NegationAfter, OtherBefore, Self, PastBefore, PastAfter, HypotheticalBefore, UncertainBefore, UncertainAfter,
                Terminators, ClauseStarters, Pseudo, GeneralYes, GeneralNo, GeneralNotSure, ChecklistNone, ChecklistSome, ChecklistExcept, ChecklistAll,
                Polite, PoliteAtStart, PoliteAtEnd, Correction])
            .Concat(Commands.Select(c => c.Pattern)).Concat(RoutineCommands.Select(c => c.Pattern)).Concat(Severity.Select(s => s.Pattern))
            .Concat([Duration.Unclear]).Concat(Duration.Seasons.Select(s => s.Pattern))
            .Concat(Duration.BeforeRecognizer.Select(p => p.Pattern)).Concat(Duration.AfterRecognizer.Select(p => p.Pattern))
            .ToList();
    }

    /// <summary>
    /// Builds every pattern's regex (a pattern not built yet builds it at its first match), on every core: they are
    /// large. The host does it at start-up, beside the rest of its start, and a pattern that does not compile
    /// stops the start.
    /// </summary>
    /// <exception cref="InvalidDataException">A pattern does not compile.</exception>
    public void CompileAll()
    {
        try
        {
            Parallel.ForEach(_patterns, pattern => pattern.Compile());
        }
        catch (AggregateException ex) when (ex.InnerExceptions.FirstOrDefault(e => e is ArgumentException) is ArgumentException invalid)
        {
            throw new InvalidDataException($"The lexicon has a pattern that does not compile: {invalid.Message}", invalid);
        }
    }

    /// <summary>
    /// Works out what a message must hold for each pattern to match (see <see cref="LexiconPattern.GatherNeeds"/>):
    /// the host does it off the request path after its first reply; a pattern not done yet does it at its first
    /// message with one of its start words (a pattern scanned for anywhere, at its first message).
    /// </summary>
    public void GatherNeeds() => _patterns.ForEach(p => p.GatherNeeds());

    private readonly List<LexiconPattern> _patterns;

    /// <summary>The patterns built from the lexicon's syntax, with their source, while the lexicon is built.</summary>
    private readonly List<(LexiconPattern Pattern, List<string> Source)> _sources = [];

    /// <summary>Single-word terminators that are ordinary words too, so a "..." gap may run over them.</summary>
    private static readonly HashSet<string> SoftTerminators = new(StringComparer.Ordinal) { "now", "only", "just", "yet", "still", "until", "while", "whilst", "tho" };

    public IReadOnlyDictionary<string, string[]> Rewrites { get; }

    private readonly Dictionary<string, (string[] From, string[] To)[]> _phraseRewrites;

    /// <summary>The rewrites of several words that start with a word, longest first.</summary>
    /// <param name="word">The first word.</param>
    /// <returns>The rewrites: the words replaced and their replacement.</returns>
    public IReadOnlyList<(string[] From, string[] To)> PhraseRewritesFrom(string word) => _phraseRewrites.TryGetValue(word, out var found) ? found : [];

    public IReadOnlyDictionary<string, ConceptEntry> Concepts { get; }

    public LexiconPattern NegationBefore { get; }

    public LexiconPattern NegationAfter { get; }

    public LexiconPattern OtherBefore { get; }

    public LexiconPattern Self { get; }

    public LexiconPattern PastBefore { get; }

    public LexiconPattern PastAfter { get; }

    public LexiconPattern HypotheticalBefore { get; }

    public LexiconPattern UncertainBefore { get; }

    public LexiconPattern UncertainAfter { get; }

    public LexiconPattern Terminators { get; }

    public LexiconPattern ClauseStarters { get; }

    public LexiconPattern Pseudo { get; }

    public LexiconPattern GeneralYes { get; }

    public LexiconPattern GeneralNo { get; }

    public LexiconPattern GeneralNotSure { get; }

    public LexiconPattern ChecklistNone { get; }

    public LexiconPattern ChecklistSome { get; }

    public LexiconPattern ChecklistExcept { get; }

    /// <summary>"All of them", "every one": every item of a checklist (less any exceptions).</summary>
    public LexiconPattern ChecklistAll { get; }

    public IReadOnlyDictionary<string, int> Ordinals { get; }

    /// <summary>Words before a number that make it a checklist item ("number 3", "no 3").</summary>
    public IReadOnlySet<string> ItemPrefixes { get; }

    /// <summary>Words after a number that make it a quantity, not an item ("2 weeks", "3 kilos").</summary>
    public IReadOnlySet<string> NotItemsBefore { get; }

    /// <summary>Words of place and time ("on", "during") after which an item's short name ("the toilet", "the night") is a place or a time, not the item.</summary>
    public IReadOnlySet<string> PlacesBefore { get; }

    /// <summary>Words a voice typed for an item's number ("number to and for" is 2 and 4), read only after a prefix or "and".</summary>
    public IReadOnlyDictionary<string, int> SoundAlikeNumbers { get; }

    public LexiconPattern Polite { get; }

    /// <summary>Polite words at the start of a message (" please ").</summary>
    public LexiconPattern PoliteAtStart { get; }

    /// <summary>Polite words at the end of a message.</summary>
    public LexiconPattern PoliteAtEnd { get; }

    public IReadOnlyList<(Command Command, LexiconPattern Pattern)> Commands { get; }

    public IReadOnlyList<(RoutineCommand Command, LexiconPattern Pattern)> RoutineCommands { get; }

    public IReadOnlyList<(int Score, LexiconPattern Pattern)> Severity { get; }

    /// <summary>Words that open a correction of the last answer ("no, I said", "actually").</summary>
    public LexiconPattern Correction { get; }

    /// <summary>Decade words and the first age of the decade ("sixties" → 60).</summary>
    public IReadOnlyDictionary<string, int> Decades { get; }

    /// <summary>How people say how long the pain has lasted (see <see cref="DurationWords"/>).</summary>
    public DurationWords Duration { get; }

    internal TypoCorrector Corrector { get; }

    /// <summary>Whether the lexicon defines a concept.</summary>
    /// <param name="name">The concept.</param>
    /// <returns><c>true</c> when it does.</returns>
    public bool Defines(string name) => Concepts.ContainsKey(name);

    /// <summary>Loads and compiles a lexicon.</summary>
    /// <param name="folder">The language's content folder, holding lexicon.json and known-words.txt.</param>
    /// <param name="matchTimeout">How long one pattern may take over one message (<see cref="DefaultMatchTimeout"/>
    /// unless given: a test comparing readings on a loaded machine gives more, so a slow match is not cut short).</param>
    /// <returns>The lexicon.</returns>
    /// <exception cref="InvalidDataException">A file is missing or malformed.</exception>
    public static Lexicon Load(string folder, TimeSpan? matchTimeout = null)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The lexicon was not found at '{path}'.");
        }

        Raw? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Raw>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The lexicon '{path}' is not valid JSON: {ex.Message}", ex);
        }

        var wordsPath = Path.Combine(folder, KnownWordsFileName);
        var known = File.Exists(wordsPath)
            ? new HashSet<string>(File.ReadLines(wordsPath).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Trim()), StringComparer.Ordinal)
            : throw new InvalidDataException($"The word list was not found at '{wordsPath}'.");
        try
        {
            return new Lexicon(raw ?? throw new InvalidDataException("The lexicon is empty."), known, matchTimeout ?? DefaultMatchTimeout);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"The lexicon '{path}' is malformed: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"The lexicon '{path}' has a pattern that does not compile: {ex.Message}", ex);
        }
    }

    private LexiconPattern Build(PatternCompiler compiler, List<string>? patterns, string where, bool allowEmpty = false)
    {
        if (patterns is null || patterns.Count == 0)
        {
            if (allowEmpty)
            {
                return new LexiconPattern("(?!)", RegexOptions.None, MatchTimeout);
            }

            throw new InvalidDataException($"{where} is missing or empty.");
        }

        var built = LexiconPattern.AtTokens(compiler.Alternation(patterns, where), compiler.Starts(patterns), RegexOptions.CultureInvariant, MatchTimeout);
        _sources.Add((built, patterns));
        return built;
    }

    private DurationWords BuildDuration(PatternCompiler compiler, RawDuration raw)
    {
        static IReadOnlyDictionary<string, T> Named<T>(Dictionary<string, T>? entries, string where)
            => entries is { Count: > 0 } ? new Dictionary<string, T>(entries, StringComparer.Ordinal) : throw new InvalidDataException($"duration.{where} is missing or empty.");

        var units = Named(raw.Units, "units");
        var counts = Named(raw.Counts, "counts");
        if (units.Values.Concat(counts.Values).Any(n => n < 1))
        {
            throw new InvalidDataException("duration: every unit and count must be 1 or more.");
        }

        var seasons = raw.Seasons ?? throw new InvalidDataException("duration.seasons is missing.");
        var starts = Named(seasons.Starts, "seasons.starts");
        if (starts.Values.Any(month => month is < 1 or > 12))
        {
            throw new InvalidDataException("duration.seasons.starts: every month must be between 1 and 12.");
        }

        if (seasons.Patterns is not { Count: > 0 } seasonPatterns || seasonPatterns.Any(p => !p.Contains(DurationWords.SeasonPlaceholder, StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"duration.seasons.patterns must be given, each with {DurationWords.SeasonPlaceholder}.");
        }

        // One pattern list per season, its name in place of {season}: what matched says which season.
        var bySeason = starts
            .Select(kv => (kv.Value, Build(compiler, [.. seasonPatterns.Select(p => p.Replace(DurationWords.SeasonPlaceholder, kv.Key, StringComparison.Ordinal))], $"duration.seasons.patterns ({kv.Key})")))
            .ToArray();
        return new DurationWords(
            units,
            counts,
            new Dictionary<string, string>(raw.AfterNumber ?? [], StringComparer.Ordinal),
            raw.AndAHalf is { Count: > 0 } halves ? halves : throw new InvalidDataException("duration.andAHalf is missing or empty."),
            bySeason,
            Build(compiler, raw.Unclear, "duration.unclear"),
            DaysOf(compiler, raw.BeforeRecognizer, "duration.beforeRecognizer"),
            DaysOf(compiler, raw.AfterRecognizer, "duration.afterRecognizer"));
    }

    private (int Days, LexiconPattern Pattern)[] DaysOf(PatternCompiler compiler, List<RawDays>? entries, string where)
        => entries is { Count: > 0 }
            ? [.. entries.Select((e, i) => e.Days >= 0 ? (e.Days, Build(compiler, e.Patterns, $"{where}[{i}]")) : throw new InvalidDataException($"{where}[{i}]: days must be 0 or more."))]
            : throw new InvalidDataException($"{where} is missing or empty.");

    private List<(T, LexiconPattern)> ByName<T>(PatternCompiler compiler, Dictionary<string, List<string>>? entries, string where, T none)
        where T : struct, Enum
    {
        var result = new List<(T, LexiconPattern)>();
        foreach (var (name, patterns) in entries ?? [])
        {
            if (!Enum.TryParse<T>(name, out var value) || value.Equals(none))
            {
                throw new InvalidDataException($"{where}.{name} is not a known {typeof(T).Name}.");
            }

            // Whole messages only: "it helps when I stop" is not "stop".
            var body = compiler.Alternation(patterns, $"{where}.{name}");
            var built = LexiconPattern.WholeMessage(body, compiler.Starts(patterns), RegexOptions.CultureInvariant, MatchTimeout);
            _sources.Add((built, patterns));
            result.Add((value, built));
        }

        foreach (var missing in Enum.GetValues<T>().Where(v => !v.Equals(none) && result.All(r => !r.Item1.Equals(v))))
        {
            throw new InvalidDataException($"{where}.{missing} is missing.");
        }

        return result;
    }

    /// <summary>One concept: its name, whether it must be happening now, and its compiled patterns.</summary>
    /// <param name="Name">The concept.</param>
    /// <param name="Current">Whether it must be happening now (since the pain began).</param>
    /// <param name="Pattern">Its phrasings.</param>
    /// <param name="Excludes">Words that, in the same sentence, say the mention is not the sign ("lost weight on a diet").</param>
    public sealed record ConceptEntry(string Name, bool Current, LexiconPattern Pattern, LexiconPattern? Excludes);

    private sealed record Raw(
        Dictionary<string, string>? Rewrite,
        List<string>? Polite,
        Dictionary<string, List<string>>? Sets,
        Dictionary<string, RawConcept>? Concepts,
        RawContext? Context,
        RawGeneral? General,
        RawChecklist? Checklist,
        Dictionary<string, List<string>>? Commands,
        Dictionary<string, List<string>>? RoutineCommands,
        List<RawSeverity>? Severity,
        List<string>? Correction,
        Dictionary<string, int>? Decades,
        RawDuration? Duration);

    private sealed record RawConcept(bool Current, List<string>? Patterns, List<string>? Excludes);

    private sealed record RawBeforeAfter(List<string>? Before, List<string>? After);

    private sealed record RawContext(
        RawBeforeAfter? Negation,
        RawBeforeAfter? Other,
        List<string>? Self,
        RawBeforeAfter? Past,
        RawBeforeAfter? Hypothetical,
        RawBeforeAfter? Uncertain,
        List<string>? Terminators,
        List<string>? ClauseStarters,
        List<string>? Pseudo);

    private sealed record RawGeneral(List<string>? Yes, List<string>? No, List<string>? NotSure, List<string>? None, List<string>? Some, List<string>? All);

    private sealed record RawChecklist(List<string>? Except, Dictionary<string, int>? Ordinals, List<string>? Prefixes, List<string>? Units, List<string>? Places, Dictionary<string, int>? SoundAlike, Dictionary<string, List<string>>? Items);

    private sealed record RawSeverity(int Score, List<string>? Patterns);

    private sealed record RawDuration(
        Dictionary<string, int>? Units,
        Dictionary<string, int>? Counts,
        Dictionary<string, string>? AfterNumber,
        List<string>? AndAHalf,
        RawSeasons? Seasons,
        List<string>? Unclear,
        List<RawDays>? BeforeRecognizer,
        List<RawDays>? AfterRecognizer);

    private sealed record RawSeasons(Dictionary<string, int>? Starts, List<string>? Patterns);

    private sealed record RawDays(int Days, List<string>? Patterns);
}
