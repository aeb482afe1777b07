using BackCare.Bot.Storage;
using BackCare.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Tests.Storage;

/// <summary>
/// BackCare's conversation and user state load and save their documents themselves (one deserialization, one
/// serialization, no write when nothing changed) and otherwise behave exactly as the SDK's, over every store.
/// </summary>
public class DocumentStateTests
{
    public static TheoryData<string> Stores => new() { "sdk-memory", "json-memory", "sqlite" };

    private static IStorage Store(string kind) => kind switch
    {
        "sdk-memory" => new MemoryStorage(),
        "json-memory" => new JsonMemoryStorage(),
        "sqlite" => new SqliteStorage(Path.Combine(Directory.CreateTempSubdirectory("backcare-docstate-").FullName, "state.db")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static TurnContext Turn(string conversation = "c1")
        => new(new TestAdapter(), new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "test",
            Conversation = new ConversationAccount { Id = conversation },
            From = new ChannelAccount("u1"),
            Recipient = new ChannelAccount("bot"),
        });

    /// <summary>A sequence of what a bot does with state over three turns, and what it reads back each time.</summary>
    private static async Task<List<string>> PlayAsync(BotState state)
    {
        var seen = new List<string>();
        var text = state.CreateProperty<string>("text");
        var number = state.CreateProperty<int>("number");
        var asLong = state.CreateProperty<long>("number");
        var list = state.CreateProperty<List<string>>("list");
        var dialogs = state.CreateProperty<DialogState>("dialogs");

        var turn = Turn();
        await state.LoadAsync(turn);
        seen.Add($"missing: '{await text.GetAsync(turn, null!)}' {await number.GetAsync(turn, null!)} {(await list.GetAsync(turn, null!)) is null}");
        seen.Add($"default: {string.Join(',', await list.GetAsync(turn, () => ["made"]))}");
        await text.SetAsync(turn, "hello");
        await number.SetAsync(turn, 41);
        (await dialogs.GetAsync(turn, () => new DialogState())).DialogStack.Add(new DialogInstance { Id = "d", State = new Dictionary<string, object> { ["stepIndex"] = 2 } });
        await state.SaveChangesAsync(turn);

        turn = Turn();
        seen.Add($"read back: {await text.GetAsync(turn, null!)} {await number.GetAsync(turn, null!)} as long {await asLong.GetAsync(turn, null!)} {string.Join(',', await list.GetAsync(turn, null!) ?? [])} {(await dialogs.GetAsync(turn, null!)).DialogStack[0].Id}");
        await text.DeleteAsync(turn);
        await state.SaveChangesAsync(turn);

        turn = Turn();
        seen.Add($"after delete: '{await text.GetAsync(turn, null!)}' {await number.GetAsync(turn, null!)}");
        await state.ClearStateAsync(turn);
        await state.SaveChangesAsync(turn);

        turn = Turn();
        seen.Add($"after clear: {await number.GetAsync(turn, null!)} {(await list.GetAsync(turn, null!)) is null}");
        await number.SetAsync(turn, 7);
        await state.SaveChangesAsync(turn);
        await state.DeleteAsync(turn);
        seen.Add($"deleted in the turn: {await number.GetAsync(turn, null!)}");
        turn = Turn();
        seen.Add($"deleted: {await number.GetAsync(turn, null!)}");
        await number.SetAsync(turn, 9);
        await state.SaveChangesAsync(turn);

        // Cleared before anything was read in the turn.
        turn = Turn();
        await state.ClearStateAsync(turn);
        seen.Add($"cleared first: {await number.GetAsync(turn, null!)}");
        await state.SaveChangesAsync(turn);
        seen.Add($"after a clear first: {await number.GetAsync(Turn(), null!)}");
        return seen;
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Properties_behave_as_with_the_sdks_state(string store)
    {
        var sdk = await PlayAsync(new ConversationState(Store(store)));
        var ours = await PlayAsync(new BackCareConversationState(Store(store)));

        Assert.Equal(sdk, ours);
        Assert.Contains("read back: hello 41 as long 41 made d", ours);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task What_the_sdks_state_wrote_is_read_and_what_it_writes_the_sdk_reads(string store)
    {
        // A deploy meets state the SDK's BotState wrote, and a rollback meets state this one wrote.
        var storage = Store(store);
        var sdk = new UserState(storage);
        var ours = new BackCareUserState(storage);

        var turn = Turn();
        await sdk.CreateProperty<List<int>>("scores").SetAsync(turn, [3, 4]);
        await sdk.SaveChangesAsync(turn);

        turn = Turn();
        var scores = await ours.CreateProperty<List<int>>("scores").GetAsync(turn, null!);
        Assert.Equal([3, 4], scores);
        scores.Add(5);
        await ours.SaveChangesAsync(turn);

        Assert.Equal([3, 4, 5], await sdk.CreateProperty<List<int>>("scores").GetAsync(Turn(), null!));
    }

    [Fact]
    public async Task A_state_that_did_not_change_is_not_written_and_one_that_did_is_written_once()
    {
        var store = new CountingStore(new JsonMemoryStorage());
        var state = new BackCareConversationState(store);
        var turn = Turn();
        await state.CreateProperty<int>("n").SetAsync(turn, 1);
        await state.SaveChangesAsync(turn);
        Assert.Equal(1, store.Writes);

        turn = Turn();
        Assert.Equal(1, await state.CreateProperty<int>("n").GetAsync(turn, null!));
        await state.SaveChangesAsync(turn);
        await state.SaveChangesAsync(turn);
        Assert.Equal(1, store.Writes);

        await state.CreateProperty<int>("n").SetAsync(turn, 2);
        await state.SaveChangesAsync(turn);
        await state.SaveChangesAsync(turn);
        Assert.Equal(2, store.Writes);

        await state.SaveChangesAsync(turn, force: true);
        Assert.Equal(3, store.Writes);
    }

    [Fact]
    public async Task The_next_turn_takes_the_state_this_process_wrote_without_reading_it_again()
    {
        var state = new BackCareConversationState(new JsonMemoryStorage());
        var turn = Turn();
        var scores = await state.CreateProperty<List<int>>("scores").GetAsync(turn, () => [1]);
        await state.SaveChangesAsync(turn);

        Assert.Same(scores, await state.CreateProperty<List<int>>("scores").GetAsync(Turn(), null!));
    }

    [Fact]
    public async Task A_state_the_turn_did_not_change_is_kept_for_the_next_turn_too()
    {
        var store = new CountingStore(new JsonMemoryStorage());
        var state = new BackCareConversationState(store);
        var turn = Turn();
        await state.CreateProperty<List<int>>("scores").SetAsync(turn, [1]);
        await state.SaveChangesAsync(turn);

        turn = Turn();
        var scores = await state.CreateProperty<List<int>>("scores").GetAsync(turn, null!);
        await state.SaveChangesAsync(turn);

        Assert.Equal(1, store.Writes);
        Assert.Same(scores, await state.CreateProperty<List<int>>("scores").GetAsync(Turn(), null!));
    }

    [Fact]
    public async Task A_persons_state_is_read_anew_each_turn_so_no_object_stays_shared_between_their_conversations()
    {
        var state = new BackCareUserState(new JsonMemoryStorage());
        var turn = Turn("first");
        var scores = await state.CreateProperty<List<int>>("scores").GetAsync(turn, () => [1]);
        await state.SaveChangesAsync(turn);

        var again = await state.CreateProperty<List<int>>("scores").GetAsync(Turn("second"), null!);

        Assert.NotSame(scores, again);
        Assert.Equal([1], again);
    }

    [Fact]
    public async Task A_turn_that_changed_the_state_and_failed_leaves_nothing_behind_for_the_next()
    {
        var state = new BackCareConversationState(new JsonMemoryStorage());
        var turn = Turn();
        await state.CreateProperty<List<int>>("scores").SetAsync(turn, [1]);
        await state.SaveChangesAsync(turn);

        // This turn changes the state in place and fails before saving.
        (await state.CreateProperty<List<int>>("scores").GetAsync(Turn(), null!)).Add(2);

        Assert.Equal([1], await state.CreateProperty<List<int>>("scores").GetAsync(Turn(), null!));
    }

    [Fact]
    public async Task What_another_instance_wrote_since_is_what_the_next_turn_reads()
    {
        var store = new JsonMemoryStorage();
        var here = new BackCareConversationState(store);
        var there = new BackCareConversationState(store);
        var turn = Turn();
        await here.CreateProperty<int>("n").SetAsync(turn, 1);
        await here.SaveChangesAsync(turn);

        turn = Turn();
        Assert.Equal(1, await there.CreateProperty<int>("n").GetAsync(turn, null!));
        await there.CreateProperty<int>("n").SetAsync(turn, 5);
        await there.SaveChangesAsync(turn);

        Assert.Equal(5, await here.CreateProperty<int>("n").GetAsync(Turn(), null!));
    }

    [Fact]
    public async Task State_deleted_in_the_store_is_not_brought_back_from_memory()
    {
        var store = new JsonMemoryStorage();
        var state = new BackCareConversationState(store);
        var turn = Turn();
        await state.CreateProperty<int>("n").SetAsync(turn, 3);
        await state.SaveChangesAsync(turn);

        await store.DeleteAsync(["test/conversations/c1"]);

        Assert.Equal(0, await state.CreateProperty<int>("n").GetAsync(Turn(), null!));
    }

    [Fact]
    public async Task A_document_that_cannot_be_read_says_so_with_its_key_and_not_its_content()
    {
        var store = new JsonMemoryStorage();
        await store.WriteDocumentsAsync(new Dictionary<string, string> { ["test/conversations/c1"] = """{"$type":"Dictionary<string;object>","secret":""" });
        var state = new BackCareConversationState(store);

        var unreadable = await Assert.ThrowsAsync<UnreadableStateException>(() => state.LoadAsync(Turn()));

        Assert.Contains("test/conversations/c1", unreadable.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", unreadable.Message, StringComparison.Ordinal);
    }

    /// <summary>A store that counts document writes.</summary>
    private sealed class CountingStore(JsonMemoryStorage inner) : IStorage, IStateDocuments
    {
        public int Writes { get; private set; }

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) => inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) => throw new InvalidOperationException("state goes through the documents");

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);

        public Task<IReadOnlyDictionary<string, string>> ReadDocumentsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) => inner.ReadDocumentsAsync(keys, cancellationToken);

        public Task WriteDocumentsAsync(IReadOnlyDictionary<string, string> documents, CancellationToken cancellationToken = default)
        {
            Writes++;
            return inner.WriteDocumentsAsync(documents, cancellationToken);
        }
    }
}
