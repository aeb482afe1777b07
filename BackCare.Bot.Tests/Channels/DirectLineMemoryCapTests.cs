using BackCare.Bot.DirectLine;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Tests.Channels;

/// <summary>
/// Beyond <see cref="DirectLineOptions.MaxConversations"/> the least recently used offline conversation leaves
/// memory (it stays in the store). A request may still hold it then: a message's request keeps its conversation
/// for the whole of the bot's turn, a poll waits on it. What that request adds must reach the conversation the page
/// reads from then on, and must not be written over in the store, whether the conversation came back into memory
/// meanwhile or not. Real stores: the Memory one and SQLite.
/// </summary>
public sealed class DirectLineMemoryCapTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("backcare-dl-cap-");

    public static TheoryData<string> Stores => ["Memory", "Sqlite"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_turn_that_held_its_conversation_while_it_left_memory_adds_its_answer_where_the_page_reads_it(string store)
    {
        var storage = Storage(store);
        var directLine = NewDirectLine(storage);
        var (held, token) = await directLine.CreateAsync("dl_person", CancellationToken.None);

        // A message arrives; its request holds the conversation while the bot answers.
        held.Append([Message("hello", "dl_person", RoleTypes.User)]);

        // Meanwhile another page opens a conversation: beyond the cap of one, the first leaves memory...
        await directLine.CreateAsync("dl_someone_else", CancellationToken.None);
        var leftMemory = !directLine.Contains(held.Id);

        // ...and the first page's poll brings it back into memory before the answer is in.
        var (polled, pollStatus) = await directLine.AuthorizeAsync("Bearer " + token, held.Id, CancellationToken.None);

        // The bot's answer, and the request's save, as PostActivityAsync does at the end of the turn.
        held.Append([Message("the answer", "backcare", RoleTypes.Bot)]);
        await directLine.SaveAsync(held);

        // The page reads on, and sends its next message.
        var (reading, _) = await directLine.AuthorizeAsync("Bearer " + token, held.Id, CancellationToken.None);
        var seen = Texts(reading!);
        reading!.Append([Message("next", "dl_person", RoleTypes.User)]);
        await directLine.SaveAsync(reading);

        // After a restart, from the store alone.
        using var restarted = Create(storage);
        var (stored, _) = await restarted.AuthorizeAsync("Bearer " + token, held.Id, CancellationToken.None);

        Assert.True(leftMemory, "the set-up should have sent the conversation out of memory");
        Assert.Equal(200, pollStatus);
        Assert.NotNull(polled);
        Assert.Equal(["hello", "the answer"], seen);
        Assert.Equal(["hello", "the answer", "next"], Texts(stored!));
    }

    [Fact]
    public async Task A_conversation_a_request_holds_comes_back_as_itself_however_its_leaving_memory_and_a_poll_interleave()
    {
        // Each round the held conversation is in memory; another page's new conversation sends it out while its own
        // page polls. Whenever the two meet, the poll must get the conversation the request holds, never a copy
        // read from the store (whose answer the page would never see, and whose saves would write over the other's).
        var directLine = NewDirectLine(new JsonMemoryStorage());
        var (held, token) = await directLine.CreateAsync("dl_person", CancellationToken.None);
        var copies = 0;
        for (var round = 0; round < 3000 && copies == 0; round++)
        {
            var (inMemory, _) = await directLine.AuthorizeAsync("Bearer " + token, held.Id, CancellationToken.None);
            Assert.Same(held, inMemory);
            using var start = new Barrier(2);
            var leaving = Task.Run(async () =>
            {
                start.SignalAndWait();
                await directLine.CreateAsync("dl_someone_else", CancellationToken.None);
            });
            var polling = Task.Run(async () =>
            {
                start.SignalAndWait();
                return (await directLine.AuthorizeAsync("Bearer " + token, held.Id, CancellationToken.None)).Conversation;
            });
            await Task.WhenAll(leaving, polling);
            if (!ReferenceEquals(await polling, held))
            {
                copies++;
            }
        }

        Assert.Equal(0, copies);
        GC.KeepAlive(held);
    }

    [Fact]
    public async Task Delete_my_data_empties_a_conversation_of_the_person_that_left_memory_while_a_request_holds_it()
    {
        // As one in memory that the bot's index does not name yet (its first turn still running) is emptied, so is
        // one that left memory meanwhile: the request holding it saves it again at the end of its turn.
        var storage = new JsonMemoryStorage();
        var directLine = NewDirectLine(storage);
        var (held, token) = await directLine.CreateAsync("dl_person", CancellationToken.None);
        held.Append([Message("my back hurts since the fall", "dl_person", RoleTypes.User)]);
        await directLine.CreateAsync("dl_someone_else", CancellationToken.None);
        var leftMemory = !directLine.Contains(held.Id);

        var emptied = await directLine.ForgetUserAsync("dl_person", [], keepActivityId: null, CancellationToken.None);
        await directLine.SaveAsync(held);

        using var restarted = Create(storage);
        var (stored, _) = await restarted.AuthorizeAsync("Bearer " + token, held.Id, CancellationToken.None);
        Assert.True(leftMemory, "the set-up should have sent the conversation out of memory");
        Assert.Equal(1, emptied);
        Assert.Empty(Texts(held));
        Assert.Empty(Texts(stored!));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_token_refreshed_as_its_conversation_ends_does_not_write_the_ended_conversation_back(string store)
    {
        var storage = Storage(store);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var directLine = NewDirectLine(storage, clock);
        var (ending, token) = await directLine.CreateAsync("dl_person", CancellationToken.None);

        // The page asks for a fresh token just as the conversation's tokens run out; before the refresh is issued,
        // another page's conversation ends the expired one (from memory and from the store).
        var (asking, status) = await directLine.AuthorizeAsync("Bearer " + token, null, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(new DirectLineOptions().TokenSeconds + 1));
        await directLine.CreateAsync("dl_someone_else", CancellationToken.None);
        var endedInStore = !(await storage.ReadAsync([ending.Key])).ContainsKey(ending.Key);

        await directLine.RefreshAsync(asking!, token);

        Assert.Equal(200, status);
        Assert.True(endedInStore, "the set-up should have ended the conversation in the store");
        Assert.False((await storage.ReadAsync([ending.Key])).ContainsKey(ending.Key), "an ended conversation came back into the store");
        Assert.False(await directLine.OpenAsync(ending.Id, CancellationToken.None), "an ended conversation opened again");
    }

    public void Dispose()
    {
        _directLine?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    private OfflineDirectLine? _directLine;

    private OfflineDirectLine NewDirectLine(IStorage storage, TimeProvider? clock = null) => _directLine = Create(storage, clock);

    private IStorage Storage(string store) => store == "Sqlite" ? new SqliteStorage(Path.Combine(_data.FullName, "state.db")) : new JsonMemoryStorage();

    private static OfflineDirectLine Create(IStorage storage, TimeProvider? clock = null) => new(
        Options.Create(new DirectLineOptions { MaxConversations = 1 }),
        clock ?? TimeProvider.System,
        storage,
        DataProtection,
        NullLogger<OfflineDirectLine>.Instance);

    /// <summary>One key ring for the test run, so a "restarted" Direct Line reads the signing key the first one stored.</summary>
    private static readonly IDataProtectionProvider DataProtection = new EphemeralDataProtectionProvider();

    private static List<string> Texts(OfflineConversation conversation) => conversation.Since(0).Activities.ConvertAll(a => a.Text ?? string.Empty);

    private static Activity Message(string text, string from, string role) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount(from, role: role),
    };
}
