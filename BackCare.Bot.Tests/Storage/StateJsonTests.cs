using BackCare.Bot.Bots;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;
using BackCare.Dialogs;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Storage;

/// <summary>
/// State as the stores wrote it before enums were stored by name (Fixtures/state-with-numeric-enums.json: the
/// rows of a SQLite store after three real conversations: one mid-triage at the cancer question, one mid-routine,
/// one with an urgent outcome) must still load, and what is written now names its enums.
/// </summary>
public class StateJsonTests
{
    private static readonly JObject Fixture = JObject.Parse(File.ReadAllText(Path.Combine(SolutionPaths.Root, "BackCare.Bot.Tests", "Storage", "Fixtures", "state-with-numeric-enums.json")));

    [Fact]
    public void The_fixture_is_in_the_numeric_format()
    {
        var text = Fixture.ToString();

        Assert.Contains("\"CurrentQuestion\": 19", text, StringComparison.Ordinal);
        Assert.Contains("\"Level\": 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Conversation_data_stored_with_enum_numbers_loads_with_the_same_values()
    {
        var midTriage = Data("emulator/conversations/mid-triage");
        var urgent = Data("emulator/conversations/urgent");
        var midRoutine = Data("emulator/conversations/mid-routine");

        Assert.Equal(QuestionId.Cancer, midTriage.CurrentQuestion);
        Assert.Equal((Answer.Yes, Answer.No, Answer.No), (midTriage.Answers.EasesWithRest, midTriage.Answers.WorseAtNight, midTriage.Answers.Fever));
        Assert.Equal(Disposition.Urgent, urgent.Outcome!.Level);
        Assert.Equal([(RedFlag.Fever, false), (RedFlag.CancerHistory, true)], urgent.Outcome.Reasons.Select(r => (r.Flag, r.FromNotSure)));
        Assert.Equal(Disposition.SelfCare, midRoutine.Outcome!.Level);
        Assert.Equal((Answer.Yes, Legs.One), (midRoutine.Answers.SpreadsDownLeg, midRoutine.Answers.PainLegs));
        Assert.True(midRoutine.InRoutine);
    }

    [Fact]
    public void Written_state_names_its_enums_and_reads_back_the_same()
    {
        var loaded = Load("emulator/conversations/urgent");

        var written = StateJson.Serialize(loaded);
        var reread = (ConversationData)((IDictionary<string, object>)StateJson.Deserialize(written)!)[nameof(ConversationData)];

        Assert.Contains("\"Level\":\"Urgent\"", written, StringComparison.Ordinal);
        Assert.Contains("\"Flag\":\"CancerHistory\"", written, StringComparison.Ordinal);
        Assert.Contains("\"Fever\":\"Yes\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Level\":2", written, StringComparison.Ordinal);
        Assert.Equal(Disposition.Urgent, reread.Outcome!.Level);
        Assert.Equal(Answer.Yes, reread.Answers.Fever);
    }

    [Fact]
    public void A_dialog_stack_stored_with_enum_numbers_loads()
    {
        var stack = (DialogState)Load("emulator/conversations/mid-triage")[nameof(DialogState)];

        Assert.Equal(nameof(BackCare.Bot.Dialogs.MainDialog), stack.DialogStack[0].Id);
        Assert.Null(stack.DialogStack[0].Version);
    }

    [Fact]
    public async Task A_sqlite_store_holding_the_old_format_reads_it_and_rewrites_it_with_names()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("backcare-statejson-").FullName, "state.db");
        var sut = new SqliteStorage(path);
        InsertRaw(path, "emulator/conversations/mid-triage", Fixture["emulator/conversations/mid-triage"]!.ToString(Newtonsoft.Json.Formatting.None));

        var items = await sut.ReadAsync(["emulator/conversations/mid-triage"]);
        var data = (ConversationData)((IDictionary<string, object>)items["emulator/conversations/mid-triage"])[nameof(ConversationData)];
        Assert.Equal(QuestionId.Cancer, data.CurrentQuestion);
        await sut.WriteAsync(items);

        var raw = ReadRaw(path, "emulator/conversations/mid-triage");
        Assert.Contains("\"CurrentQuestion\":\"Cancer\"", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\"CurrentQuestion\":19", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_stored_mid_triage_before_version_2_goes_on_after_the_deploy_with_its_answers()
    {
        // Stored by version 1, mid-question, with no dialog versions; version 2 added questions and steps.
        var path = Path.Combine(Directory.CreateTempSubdirectory("backcare-upgrade-").FullName, "state.db");
        var storage = new SqliteStorage(path);
        InsertRaw(path, "emulator/conversations/mid-triage", Fixture["emulator/conversations/mid-triage"]!.ToString(Newtonsoft.Json.Formatting.None));
        var sut = new BotConversation(storage, conversation: Microsoft.Bot.Builder.Adapters.TestAdapter.CreateConversation("mid-triage"));

        var first = await sut.SayAsync("no");
        var driver = new TriageDriver(sut);
        var advice = await driver.RunAsync([], opening: "none of these");

        Assert.Contains(sut.Content.Phrase("flowUpdated"), BotConversation.Join(first));
        Assert.Equal(QuestionId.EmergencyScreen, sut.QuestionAsked(first));
        Assert.DoesNotContain(QuestionId.Duration, driver.Asked);
        Assert.DoesNotContain(QuestionId.Severity, driver.Asked);
        Assert.Contains(sut.Content.Phrase("notADiagnosis"), advice);
        var summary = await sut.SayTextAsync("summary");
        Assert.Contains("10 days", summary);
    }

    private static IDictionary<string, object> Load(string key)
        => (IDictionary<string, object>)StateJson.Deserialize(Fixture[key]!.ToString(Newtonsoft.Json.Formatting.None))!;

    private static ConversationData Data(string key) => (ConversationData)Load(key)[nameof(ConversationData)];

    private static void InsertRaw(string path, string key, string json)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO state (key, etag, json, updated_utc) VALUES ($key, 'old', $json, 0)";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$json", json);
        command.ExecuteNonQuery();
    }

    private static string ReadRaw(string path, string key)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public void Type_names_are_written_as_the_simple_format_wrote_them()
    {
        // The binder now gives each type's short name itself, once per type; what is written must not change.
        var simple = new Newtonsoft.Json.JsonSerializerSettings
        {
            TypeNameHandling = StateJson.Settings.TypeNameHandling,
            TypeNameAssemblyFormatHandling = Newtonsoft.Json.TypeNameAssemblyFormatHandling.Simple,
            SerializationBinder = new SimpleFormat(),
            ContractResolver = StateJson.Settings.ContractResolver,
            ReferenceLoopHandling = StateJson.Settings.ReferenceLoopHandling,
            MaxDepth = StateJson.Settings.MaxDepth,
        };
        var states = Fixture.Properties().Select(p => StateJson.Deserialize(((JObject)p.Value).ToString(Newtonsoft.Json.Formatting.None))!).ToList();
        states.Add(new Dictionary<string, object>
        {
            ["generic"] = new List<Dictionary<QuestionId, string[]>> { new() { [QuestionId.Duration] = ["5 days"] } },
            ["array"] = new[] { new List<int> { 1 } },
            ["nested"] = new Dictionary<string, object> { ["pair"] = new KeyValuePair<string, List<Reason>>("k", [new Reason(RedFlag.ChestPain)]) },
        });

        foreach (var state in states)
        {
            Assert.Equal(Newtonsoft.Json.JsonConvert.SerializeObject(state, typeof(object), simple), StateJson.Serialize(state));
        }
    }

    /// <summary>What the stores' binder did before: the state dictionaries' short name, the default otherwise.</summary>
    private sealed class SimpleFormat : Newtonsoft.Json.Serialization.DefaultSerializationBinder
    {
        public override void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
        {
            if (serializedType == typeof(Dictionary<string, object>))
            {
                assemblyName = null;
                typeName = "Dictionary<string;object>";
                return;
            }

            base.BindToName(serializedType, out assemblyName, out typeName);
        }
    }
}
