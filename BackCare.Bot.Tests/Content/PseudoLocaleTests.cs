using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Tests.Content;

/// <summary>
/// Every sentence the bot says comes from the content files: with a pseudo-locale copy of them, in which every
/// string a person can read is marked ⟦like this⟧, a whole triage and routine show nothing but marked text,
/// numbers and punctuation. A sentence left in C# would show up unmarked and fail the test.
/// </summary>
public partial class PseudoLocaleTests
{
    [Fact]
    public async Task A_whole_triage_and_routine_say_only_words_from_the_content_files()
    {
        var folder = PseudoContent();
        var sut = new BotConversation(settings: new Dictionary<string, string?>
        {
            ["BackCare:TriageContentPath"] = Path.Combine(folder, "triage-content.json"),
            ["BackCare:ExerciseCataloguePath"] = Path.Combine(folder, "exercises.json"),
            ["BackCare:LexiconFolder"] = folder,
            ["BackCare:Care:EmergencyNumber"] = "999",
            ["BackCare:Care:UrgentAdvice"] = "⟦urgent advice⟧",
        });

        await sut.SendAsync(new Activity(ActivityTypes.ConversationUpdate) { MembersAdded = [new ChannelAccount("user")], Recipient = new ChannelAccount("bot") });
        await sut.SayAsync("help");
        await new TriageDriver(sut).RunAsync([]);
        await sut.SayAsync("summary");
        await sut.SayAsync("yes");
        await sut.SayAsync("no");
        await sut.SayAsync("yes");
        for (var turn = 0; turn < 60 && !(SentCards.TextOf(sut.Transcript[^1]) ?? string.Empty).Contains("10", StringComparison.Ordinal); turn++)
        {
            await sut.SayAsync("done");
        }

        await sut.SayAsync("2");
        await sut.SayAsync("purple");

        Assert.True(sut.Transcript.Count > 30, $"Only {sut.Transcript.Count} messages: the conversation did not get far.");
        foreach (var activity in sut.Transcript)
        {
            foreach (var shown in Shown(activity))
            {
                var unmarked = Unmarked(shown);
                Assert.False(Letters().IsMatch(unmarked), $"Words not from the content files: \"{unmarked.Trim()}\" in:\n{shown}");
            }
        }
    }

    /// <summary>The text and every button title or card text of an activity.</summary>
    private static IEnumerable<string> Shown(Activity activity)
    {
        if (!string.IsNullOrEmpty(activity.Text))
        {
            yield return activity.Text;
        }

        foreach (var action in activity.SuggestedActions?.Actions ?? [])
        {
            yield return action.Title;
        }

        if (!string.IsNullOrEmpty(activity.Summary))
        {
            yield return Opening(activity.Summary);
        }

        if (SentCards.Adaptive(activity) is { } card)
        {
            // A card's text is split into paragraphs (one text block each): read it whole, as the markers span them.
            yield return SentCards.Text(card);
            foreach (var token in card.SelectTokens("$..title").Concat(card.SelectTokens("$..label")).Concat(card.SelectTokens("$..altText")).Concat(card.SelectTokens("$..displayText")))
            {
                yield return (string?)token ?? string.Empty;
            }

            yield return Opening((string?)card["fallbackText"] ?? string.Empty);
        }
    }

    /// <summary>A summary is the opening line of a marked text: close the mark it opens.</summary>
    private static string Opening(string summary)
        => summary.Count(c => c == '⟦') > summary.Count(c => c == '⟧') ? summary + new string('⟧', summary.Count(c => c == '⟦') - summary.Count(c => c == '⟧')) : summary;

    /// <summary>The text with every marked piece (innermost first) removed.</summary>
    private static string Unmarked(string text)
    {
        string previous;
        do
        {
            previous = text;
            text = Marked().Replace(text, " ");
        }
        while (text != previous);

        return text;
    }

    private static string PseudoContent()
    {
        var folder = Directory.CreateTempSubdirectory("backcare-pseudo-").FullName;
        var english = Path.Combine(SolutionPaths.BotProject, "Content", "en");
        File.Copy(Path.Combine(english, "lexicon.json"), Path.Combine(folder, "lexicon.json"));
        File.Copy(Path.Combine(english, "known-words.txt"), Path.Combine(folder, "known-words.txt"));

        var conversation = JsonNode.Parse(File.ReadAllText(Path.Combine(english, "conversation.json")))!;
        MarkAll(conversation["phrases"]!);
        File.WriteAllText(Path.Combine(folder, "conversation.json"), conversation.ToJsonString());

        var triage = JsonNode.Parse(File.ReadAllText(Path.Combine(SolutionPaths.BotProject, "Triage", "triage-content.json")))!;
        foreach (var (_, question) in triage["questions"]!.AsObject())
        {
            foreach (var field in new[] { "text", "example", "help", "buttons", "summary", "confirm" })
            {
                MarkAll(question![field]);
            }
        }

        MarkAll(triage["reasons"]!);
        MarkAll(triage["dispositions"]!);
        MarkAll(triage["phrases"]!);
        File.WriteAllText(Path.Combine(folder, "triage-content.json"), triage.ToJsonString());

        var exercises = JsonNode.Parse(File.ReadAllText(Path.Combine(SolutionPaths.BotProject, "Exercises", "exercises.json")))!;
        foreach (var exercise in exercises["exercises"]!.AsArray())
        {
            foreach (var field in new[] { "name", "purpose", "setup", "steps", "cautions", "easier", "harder" })
            {
                MarkAll(exercise![field]);
            }

            MarkAll(exercise!["dose"]!["doseText"]);
        }

        File.WriteAllText(Path.Combine(folder, "exercises.json"), exercises.ToJsonString());

        // The pictures' alt texts are read too (by screen readers): marked, the files left as they are.
        var pictures = JsonNode.Parse(File.ReadAllText(Path.Combine(SolutionPaths.BotProject, "Exercises", "illustrations.json")))!;
        foreach (var (_, entry) in pictures["exercises"]!.AsObject())
        {
            foreach (var picture in new[] { entry!["setup"], entry["easier"], entry["harder"] }.Concat(entry["steps"]!.AsArray()))
            {
                if (picture is JsonObject obj)
                {
                    obj["alt"] = Mark((string)obj["alt"]!);
                }
            }
        }

        File.WriteAllText(Path.Combine(folder, "illustrations.json"), pictures.ToJsonString());
        return folder;
    }

    /// <summary>Marks every string under a node, in place.</summary>
    private static void MarkAll(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(kv => kv.Key).ToList())
                {
                    if (obj[key] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[key] = Mark(text);
                    }
                    else
                    {
                        MarkAll(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        array[i] = Mark(text);
                    }
                    else
                    {
                        MarkAll(array[i]);
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && node.Parent is JsonObject parent:
                parent[node.GetPropertyName()] = Mark(text);
                break;
        }
    }

    // The words a person reads are marked; "stop if it hurts" stays readable for the catalogue's own check.
    private static string Mark(string text) => $"⟦{text}⟧";

    [GeneratedRegex("⟦[^⟦⟧]*⟧")]
    private static partial Regex Marked();

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex Letters();
}
