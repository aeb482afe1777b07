using System.Text.Json.Nodes;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Support;

/// <summary>A copy of the shipped lexicon in a temporary folder, changed by a test, to load as the host would.</summary>
public static class LexiconCopy
{
    /// <summary>Writes the copy.</summary>
    /// <param name="change">What the test changes in lexicon.json.</param>
    /// <returns>The folder, holding lexicon.json and the word list.</returns>
    public static string Folder(Action<JsonNode> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var folder = Directory.CreateTempSubdirectory("backcare-lexicon-").FullName;
        var english = Path.Combine(SolutionPaths.BotProject, "Content", "en");
        File.Copy(Path.Combine(english, Lexicon.KnownWordsFileName), Path.Combine(folder, Lexicon.KnownWordsFileName));
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(english, Lexicon.FileName)), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        change(root);
        File.WriteAllText(Path.Combine(folder, Lexicon.FileName), root.ToJsonString());
        return folder;
    }
}
