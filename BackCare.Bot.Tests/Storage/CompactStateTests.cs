using BackCare.Bot.Bots;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using BackCare.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace BackCare.Bot.Tests.Storage;

/// <summary>
/// State is written without the values a new instance has anyway (nulls, false, 0) and with a short name for its
/// dictionaries: what is read back is the same state as what was written, and state written in full still loads.
/// </summary>
public class CompactStateTests
{
    private static readonly JObject Fixture = JObject.Parse(File.ReadAllText(Path.Combine(SolutionPaths.Root, "BackCare.Bot.Tests", "Storage", "Fixtures", "state-with-numeric-enums.json")));

    /// <summary>The stores' settings, but writing every property (as state was written before 2026-11-26).</summary>
    private static readonly JsonSerializerSettings Full = new()
    {
        TypeNameHandling = StateJson.Settings.TypeNameHandling,
        SerializationBinder = StateJson.Settings.SerializationBinder,
        Converters = [new Newtonsoft.Json.Converters.StringEnumConverter { AllowIntegerValues = true }],
        ContractResolver = new DefaultContractResolver(),
    };

    public static TheoryData<string> Conversations() => ["emulator/conversations/mid-triage", "emulator/conversations/urgent", "emulator/conversations/mid-routine"];

    [Theory]
    [MemberData(nameof(Conversations))]
    public void A_stored_conversation_written_compactly_reads_back_as_the_same_state(string key)
    {
        var loaded = StateJson.Deserialize(((JObject)Fixture[key]!).ToString(Formatting.None))!;

        var compact = StateJson.Serialize(loaded);
        var reread = StateJson.Deserialize(compact)!;

        Assert.Equal(InFull(loaded), InFull(reread));
        Assert.True(compact.Length < InFull(loaded).Length * 0.8, $"compact {compact.Length} characters, in full {InFull(loaded).Length}");
        Assert.True(Nulls(compact) < Nulls(InFull(loaded)), "nulls are left out (those in dictionaries of dialog values stay)");
    }

    [Fact]
    public void A_prompt_keeps_every_field_it_has_and_only_those()
    {
        var prompt = (Activity)MessageFactory.SuggestedActions((IEnumerable<string>)["Yes", "No"], "Is the pain worse at night?", ssml: null, inputHint: InputHints.ExpectingInput, toList: null);
        prompt.Locale = "en-GB";
        var state = new Dictionary<string, object> { ["options"] = new PromptOptions { Prompt = prompt, RetryPrompt = (Activity)MessageFactory.Text("Sorry?") } };

        var compact = StateJson.Serialize(state);
        var reread = (PromptOptions)((IDictionary<string, object>)StateJson.Deserialize(compact)!)["options"];

        Assert.Equal(JsonConvert.SerializeObject(prompt, Full), JsonConvert.SerializeObject(reread.Prompt, Full));
        Assert.Equal([], reread.Prompt!.Attachments);
        Assert.Null(reread.Prompt.Id);
        Assert.Null(reread.Choices);
        Assert.DoesNotContain("\"id\"", compact, StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_dictionary_has_a_short_name_and_its_long_name_still_reads()
    {
        var written = StateJson.Serialize(new Dictionary<string, object> { ["Turns"] = 3 });
        var longName = typeof(Dictionary<string, object>).AssemblyQualifiedName!.Replace(", Version=", "|", StringComparison.Ordinal).Split('|')[0];

        var fromLongName = StateJson.Deserialize($"{{\"$type\":\"{typeof(Dictionary<string, object>).FullName}, System.Private.CoreLib\",\"Turns\":3}}");

        Assert.StartsWith("{\"$type\":\"Dictionary<string;object>\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain(longName, written, StringComparison.Ordinal);
        Assert.IsType<Dictionary<string, object>>(StateJson.Deserialize(written));
        Assert.Equal(3L, ((Dictionary<string, object>)fromLongName!)["Turns"]);
    }

    [Fact]
    public void A_value_changed_from_its_default_is_written_and_reads_back()
    {
        var data = new ConversationData { Welcomed = true };

        var reread = (ConversationData)((IDictionary<string, object>)StateJson.Deserialize(StateJson.Serialize(new Dictionary<string, object> { ["d"] = data }))!)["d"];

        Assert.True(reread.Welcomed);
        Assert.False(((ConversationData)((IDictionary<string, object>)StateJson.Deserialize(StateJson.Serialize(new Dictionary<string, object> { ["d"] = new ConversationData() }))!)["d"]).Welcomed);
    }

    private static int Nulls(string json) => json.Split(":null").Length - 1;

    private static string InFull(object state) => JsonConvert.SerializeObject(state, typeof(object), Full);

    [Fact]
    public void A_list_of_one_kind_of_item_is_a_plain_array_and_reads_back_the_same_as_a_named_one()
    {
        var outcome = new BackCare.Bot.Triage.TriageOutcome(
            BackCare.Bot.Triage.Disposition.Urgent,
            [new BackCare.Bot.Triage.Reason(BackCare.Bot.Triage.RedFlag.Fever), new BackCare.Bot.Triage.Reason(BackCare.Bot.Triage.RedFlag.WeightLoss, FromNotSure: true)],
            []);
        var state = new Dictionary<string, object> { ["outcome"] = outcome };

        var compact = StateJson.Serialize(state);
        var reread = (BackCare.Bot.Triage.TriageOutcome)((IDictionary<string, object>)StateJson.Deserialize(compact)!)["outcome"];

        // As state was written before: each list named as the array it was.
        var named = compact
            .Replace("\"Reasons\":[", "\"Reasons\":{\"$type\":\"BackCare.Bot.Triage.Reason[], BackCare.Bot\",\"$values\":[", StringComparison.Ordinal)
            .Replace("\"OtherConcerns\":[]", "\"OtherConcerns\":{\"$type\":\"BackCare.Bot.Triage.Reason[], BackCare.Bot\",\"$values\":[]}", StringComparison.Ordinal)
            .Replace("}]", "}]}", StringComparison.Ordinal);
        var fromNamed = (BackCare.Bot.Triage.TriageOutcome)((IDictionary<string, object>)StateJson.Deserialize(named)!)["outcome"];

        Assert.DoesNotContain("Reason[]", compact, StringComparison.Ordinal);
        Assert.Contains("\"Reasons\":[{", compact, StringComparison.Ordinal);
        Assert.Contains("$values", named, StringComparison.Ordinal);
        foreach (var read in new[] { reread, fromNamed })
        {
            Assert.Equal(outcome.Level, read.Level);
            Assert.Equal(outcome.Reasons, read.Reasons);
            Assert.Empty(read.OtherConcerns);
        }
    }
}
