using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Support;

/// <summary>The real language layer over the shipped lexicon and triage content, loaded once for the reader tests.</summary>
public static class Language
{
    public static Lexicon Lexicon { get; } = Lexicon.Load(Path.Combine(SolutionPaths.BotProject, "Content", "en"));

    public static LanguageLayer Layer { get; } = new(Lexicon);

    public static TriageContent Content { get; } = LoadContent();

    public static ReplyReader Replies { get; } = new(Layer, Content);

    public static CommandReader Commands { get; } = new(Layer);

    public static AnswerReader Answers { get; } = new(Layer);

    public static SeverityReader Severity { get; } = new(Layer);

    public static DurationReader Duration { get; } = new(Layer);

    public static AgeReader Age { get; } = new(Layer);

    public static LegReader Legs { get; } = new(Layer);

    public static SignScanner Signs { get; } = new(Layer);

    public static BackCare.Bot.Content.BotText Text { get; } = BackCare.Bot.Content.BotText.Load(Path.Combine(SolutionPaths.BotProject, "Content", "en", BackCare.Bot.Content.BotText.FileName));

    private static TriageContent LoadContent()
    {
        var content = TriageContent.Load(Path.Combine(SolutionPaths.BotProject, "Triage", "triage-content.json"));
        content.CheckAgainst(Lexicon);
        return content;
    }
}
