using System.Diagnostics;
using System.Globalization;
using BackCare.Bot.Content;
using BackCare.Bot.Exercises;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;

namespace BackCare.Benchmarks;

/// <summary>
/// What a fresh process spends before BackCare can answer: each start-up piece timed on its own, in the order the
/// host meets them, in this (fresh) process. usage: dotnet run -c Release --project benchmarks/BackCare.Benchmarks -- startup
/// </summary>
internal static class StartupProfile
{
    public static int Run()
    {
        var content = Path.Combine(Paths.BotProject, "Content", "en");
        Console.WriteLine($"Start-up pieces, one after another in a fresh process ({(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds:F0} ms after the process started):");
        var lexicon = Time("Lexicon.Load (lexicon.json, its regexes, the typo corrector)", () => Lexicon.Load(content));
        var text = Time("BotText.Load (conversation.json)", () => BotText.Load(Path.Combine(content, BotText.FileName)));
        var triage = Time("TriageContent.Load", () => TriageContent.Load(Path.Combine(Paths.BotProject, "Triage", TriageContent.FileName)));
        Time("ExerciseCatalogue.Load", () => ExerciseCatalogue.Load(Path.Combine(Paths.BotProject, "Exercises", ExerciseCatalogue.FileName)));
        var language = new LanguageLayer(lexicon);
        var replies = new ReplyReader(language, triage);
        var commands = new CommandReader(language);
        Time("first CommandReader.Read", () => commands.Read("hi"));
        Time("first LanguageLayer.Analyse", () => language.Analyse("hi"));
        Time("first checklist reply (ReplyReader.Read)", () => replies.Read(QuestionId.EmergencyScreen, "none of these", DateTime.UtcNow));
        Time("first severity reply (Recognizers number model)", () => replies.Read(QuestionId.Severity, "seven", DateTime.UtcNow));
        Time("first duration reply (Recognizers date-time model)", () => replies.Read(QuestionId.Duration, "about 3 weeks", DateTime.UtcNow));
        Time("first age reply", () => replies.Read(QuestionId.Age, "61", DateTime.UtcNow));
        Time("first choice (BackCare.Dialogs ChoiceRecognizers)", () => BackCare.Dialogs.Choices.ChoiceRecognizers.RecognizeChoice("the second one", [new("a"), new("b")]));
        _ = text;
        return 0;
    }

    private static T Time<T>(string name, Func<T> piece)
    {
        var started = Stopwatch.GetTimestamp();
        var result = piece();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-60}{Stopwatch.GetElapsedTime(started).TotalMilliseconds,8:F0} ms"));
        return result;
    }
}
