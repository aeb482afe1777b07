using Azure.Storage.Blobs;
using BackCare.Bot.Bots;
using BackCare.Bot.Exercises;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;
using BackCare.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Hosting;
using Moq;

namespace BackCare.Bot.Tests.Storage;

/// <summary>What every BackCare store must do. Runs against Memory, SQLite and Blob (Azurite) alike.</summary>
public abstract class StorageContractTests
{
    protected abstract Task<IStorage> CreateAsync();

    [Fact]
    public async Task Reads_back_what_was_written_for_many_keys_and_leaves_out_missing_ones()
    {
        var sut = await CreateAsync();
        await sut.WriteAsync(new Dictionary<string, object>
        {
            ["emulator/conversations/a"] = new Note { Text = "one" },
            ["emulator/users/b"] = new Note { Text = "two" },
        });

        var read = await sut.ReadAsync(["emulator/conversations/a", "emulator/users/b", "missing"]);

        Assert.Equal(2, read.Count);
        Assert.Equal("one", ((Note)read["emulator/conversations/a"]).Text);
        Assert.Equal("two", ((Note)read["emulator/users/b"]).Text);
    }

    [Fact]
    public async Task Deletes_many_keys_and_ignores_missing_ones()
    {
        var sut = await CreateAsync();
        await sut.WriteAsync(new Dictionary<string, object> { ["k1"] = new Note(), ["k2"] = new Note(), ["k3"] = new Note() });

        await sut.DeleteAsync(["k1", "k2", "never-written"]);

        Assert.Equal(["k3"], (await sut.ReadAsync(["k1", "k2", "k3"])).Keys);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_star_overwrites()
    {
        var sut = await CreateAsync();
        await sut.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "first" } });
        var mine = (Note)(await sut.ReadAsync(["item"]))["item"];
        var theirs = (Note)(await sut.ReadAsync(["item"]))["item"];
        theirs.Text = "theirs";
        await sut.WriteAsync(new Dictionary<string, object> { ["item"] = theirs });

        mine.Text = "mine";
        await Assert.ThrowsAnyAsync<ArgumentException>(() => sut.WriteAsync(new Dictionary<string, object> { ["item"] = mine }));
        Assert.Equal("theirs", ((Note)(await sut.ReadAsync(["item"]))["item"]).Text);

        mine.ETag = "*";
        await sut.WriteAsync(new Dictionary<string, object> { ["item"] = mine });
        Assert.Equal("mine", ((Note)(await sut.ReadAsync(["item"]))["item"]).Text);
    }

    [Fact]
    public async Task A_write_with_the_current_etag_succeeds_and_the_etag_changes()
    {
        var sut = await CreateAsync();
        await sut.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "v1" } });
        var read = (Note)(await sut.ReadAsync(["item"]))["item"];
        var before = read.ETag;

        read.Text = "v2";
        await sut.WriteAsync(new Dictionary<string, object> { ["item"] = read });
        var after = (Note)(await sut.ReadAsync(["item"]))["item"];

        Assert.Equal("v2", after.Text);
        Assert.False(string.IsNullOrEmpty(before));
        Assert.NotEqual(before, after.ETag);
    }

    [Fact]
    public async Task The_sdks_state_round_trips_dialog_state_and_backcare_types_many_times()
    {
        var sut = await CreateAsync();
        var conversationState = new ConversationState(sut);
        var context = new TurnContext(new Microsoft.Bot.Builder.Adapters.TestAdapter(), new Microsoft.Bot.Schema.Activity("message")
        {
            ChannelId = "test",
            Conversation = new Microsoft.Bot.Schema.ConversationAccount { Id = Guid.NewGuid().ToString("N") },
            From = new Microsoft.Bot.Schema.ChannelAccount("u"),
        });
        var data = conversationState.CreateProperty<ConversationData>(nameof(ConversationData));
        var dialogs = conversationState.CreateProperty<DialogState>(nameof(DialogState));
        var answers = new TriageAnswers { DurationDays = 12, Severity = 5, NumbnessTinglingWeakness = Answer.NotSure, NumbnessLegs = Legs.One };
        var progress = new RoutineProgress(new Routine(["breathing", "cat-cow"], 3, false)) { Exercise = 1, Page = 2, PainBefore = 5 };
        var session = await data.GetAsync(context, () => new ConversationData());
        session.Record(QuestionId.Duration, new Reply { Number = 12 }, "12 days");
        session.Record(QuestionId.Severity, new Reply { Number = 5 }, null);
        session.Record(QuestionId.Numbness, new Reply { Answer = Answer.NotSure, Legs = Legs.One }, null);
        session.Decide();
        session.PlanRoutine(progress);
        var stack = await dialogs.GetAsync(context, () => new DialogState());
        stack.DialogStack.Add(new DialogInstance { Id = "w", State = new Dictionary<string, object> { ["stepIndex"] = 3, ["values"] = new Dictionary<string, object> { ["n"] = 7 } } });
        await conversationState.SaveChangesAsync(context, force: true);

        ConversationData? read = null;
        DialogState? readStack = null;
        for (var i = 0; i < 3; i++)
        {
            // A new turn each time: load, change nothing, save: the state must not drift.
            await conversationState.LoadAsync(context, force: true);
            read = await data.GetAsync(context, () => new ConversationData());
            readStack = await dialogs.GetAsync(context, () => new DialogState());
            await conversationState.SaveChangesAsync(context, force: true);
        }

        Assert.Equal(answers, read!.Answers);
        Assert.Equal(Disposition.Urgent, read.Outcome!.Level);
        Assert.Single(read.Outcome.Reasons);
        Assert.Equal(["breathing", "cat-cow"], read.Routine!.Routine.ExerciseIds);
        Assert.Equal((1, 2, 5), (read.Routine.Exercise, read.Routine.Page, read.Routine.PainBefore));
        Assert.Equal(3, Assert.Single(readStack!.DialogStack).State.GetValue<int>("stepIndex"));
    }

    public sealed class Note : IStoreItem
    {
        public string Text { get; set; } = string.Empty;

        public string? ETag { get; set; }
    }
}

public class MemoryStorageContractTests : StorageContractTests
{
    protected override Task<IStorage> CreateAsync() => Task.FromResult<IStorage>(new MemoryStorage());
}

/// <summary>The store the Memory provider creates: the same contract, and the SDK MemoryStorage's ETag details.</summary>
public class JsonMemoryStorageContractTests : StorageContractTests
{
    [Fact]
    public void The_memory_provider_creates_it()
    {
        var environment = new Mock<IHostEnvironment>();
        environment.SetupGet(e => e.ContentRootPath).Returns(Path.GetTempPath());

        Assert.IsType<JsonMemoryStorage>(StorageFactory.Create(new StorageOptions { Provider = StorageProvider.Memory }, environment.Object));
    }

    [Fact]
    public async Task Each_read_gives_new_objects_and_a_write_keeps_the_value_as_it_was_then()
    {
        var sut = new JsonMemoryStorage();
        var written = new Note { Text = "first" };
        await sut.WriteAsync(new Dictionary<string, object> { ["item"] = written });
        written.Text = "changed after the write";

        var one = (Note)(await sut.ReadAsync(["item"]))["item"];
        one.Text = "changed after the read";
        var two = (Note)(await sut.ReadAsync(["item"]))["item"];

        Assert.NotSame(one, two);
        Assert.Equal("first", two.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Etags_behave_as_the_sdks_memory_storage(bool sdk)
    {
        IStorage sut = sdk ? new MemoryStorage() : new JsonMemoryStorage();
        var first = new Note { Text = "v1" };
        await sut.WriteAsync(new Dictionary<string, object> { ["item"] = first });

        // The written object keeps its ETag; the stored item has a new one.
        Assert.Null(first.ETag);
        var read = (Note)(await sut.ReadAsync(["item"]))["item"];
        Assert.False(string.IsNullOrEmpty(read.ETag));

        // No ETag over a stored item with one is a conflict, as is a stale one; nothing is written.
        await Assert.ThrowsAnyAsync<ArgumentException>(() => sut.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "no etag" } }));
        Assert.Equal("v1", ((Note)(await sut.ReadAsync(["item"]))["item"]).Text);

        // A value that is not an IStoreItem has no ETag: any store item may then be written over it.
        await sut.WriteAsync(new Dictionary<string, object> { ["plain"] = new Dictionary<string, object> { ["n"] = 1L } });
        await sut.WriteAsync(new Dictionary<string, object> { ["plain"] = new Note { Text = "over", ETag = "anything" } });
        Assert.Equal("over", ((Note)(await sut.ReadAsync(["plain"]))["plain"]).Text);
    }

    protected override Task<IStorage> CreateAsync() => Task.FromResult<IStorage>(new JsonMemoryStorage());
}

public class SqliteStorageContractTests : StorageContractTests
{
    protected override Task<IStorage> CreateAsync()
        => Task.FromResult<IStorage>(new SqliteStorage(NewFile()));

    [Fact]
    public async Task A_document_this_store_wrote_is_read_back_as_the_same_text_without_decoding_it_again()
    {
        using var sut = new SqliteStorage(NewFile());
        var json = StateJson.Serialize(new Dictionary<string, object> { ["Note"] = new Note { Text = "mine" } });
        await sut.WriteDocumentsAsync(new Dictionary<string, string> { ["c/1"] = json });

        var read = await sut.ReadDocumentsAsync(["c/1", "c/2"]);

        Assert.Same(json, read["c/1"]);
        Assert.False(read.ContainsKey("c/2"));
    }

    [Fact]
    public async Task A_document_written_since_by_another_process_or_another_way_is_read_as_the_store_holds_it()
    {
        var file = NewFile();
        using var sut = new SqliteStorage(file);
        using var other = new SqliteStorage(file); // another process on the same file
        await sut.WriteDocumentsAsync(new Dictionary<string, string> { ["c/1"] = Document("mine"), ["c/2"] = Document("mine too") });

        // The same text written again elsewhere still gets a new ETag: read back equal, not the remembered string.
        var same = Document("mine");
        await other.WriteDocumentsAsync(new Dictionary<string, string> { ["c/1"] = same });
        await sut.WriteAsync(new Dictionary<string, object> { ["c/2"] = new Dictionary<string, object> { ["Note"] = new Note { Text = "sdk" } } });

        var read = await sut.ReadDocumentsAsync(["c/1", "c/2"]);
        Assert.Equal(same, read["c/1"]);
        Assert.Contains("sdk", read["c/2"], StringComparison.Ordinal);

        await other.WriteDocumentsAsync(new Dictionary<string, string> { ["c/1"] = Document("theirs") });
        Assert.Contains("theirs", (await sut.ReadDocumentsAsync(["c/1"]))["c/1"], StringComparison.Ordinal);

        await sut.WriteDocumentsAsync(new Dictionary<string, string> { ["c/1"] = Document("mine again") });
        await sut.DeleteAsync(["c/1"]);
        Assert.Empty(await sut.ReadDocumentsAsync(["c/1"]));
    }

    [Fact]
    public async Task A_row_changed_in_place_under_the_same_etag_is_read_as_the_store_holds_it()
    {
        // Found in review: a repair or redaction by hand keeps the ETag (here of the same length); the text this process wrote must not
        // win over what the store holds.
        var file = NewFile();
        using var sut = new SqliteStorage(file);
        await sut.WriteDocumentsAsync(new Dictionary<string, string> { ["c/1"] = Document("written by the bot") });
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE state SET json = replace(json, 'written by the bot', 'REDACTED BY HAND!!') WHERE key = 'c/1'";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        Assert.Equal(Document("REDACTED BY HAND!!"), (await sut.ReadDocumentsAsync(["c/1"]))["c/1"]);
    }

    private static string Document(string text) => StateJson.Serialize(new Dictionary<string, object> { ["Note"] = new Note { Text = text } });

    private static string NewFile() => Path.Combine(Directory.CreateTempSubdirectory("backcare-sqlite-").FullName, "state.db");
}

public class BlobStorageContractTests : StorageContractTests
{
    protected override async Task<IStorage> CreateAsync()
        => new BlobsStorage(new BlobContainerClient(await Azurite.ConnectionStringAsync(), $"contract-{Guid.NewGuid():N}"));
}
