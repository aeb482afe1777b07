using System.Text;
using Azure.Storage.Blobs;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Bot.Tests.Reliability;

/// <summary>
/// "delete my data" removes every conversation of the person, for real: the bytes of the SQLite file and its
/// WAL, and every blob of the container, are read afterwards for the person's ids and answers.
/// </summary>
public class DeletionTests
{
    /// <summary>The person's answer to "how long", said in words no other reply contains.</summary>
    private const string Duration = "17 days";

    [Fact]
    public async Task After_delete_my_data_the_sqlite_file_and_wal_hold_none_of_the_persons_conversations_or_answers()
    {
        var folder = Directory.CreateTempSubdirectory("backcare-erase-").FullName;
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Sqlite",
            ["BackCare:Storage:DataFolder"] = folder,
        });
        var person = "person-" + Guid.NewGuid().ToString("N");
        var earlier = new HttpConversation(host, "earlier-" + Guid.NewGuid().ToString("N"), person);
        var current = new HttpConversation(host, "current-" + Guid.NewGuid().ToString("N"), person);
        var other = new HttpConversation(host, "other-" + Guid.NewGuid().ToString("N"), "someone-" + Guid.NewGuid().ToString("N"));
        await AnswerUntilAsync(earlier, "How bad is the pain");
        await AnswerUntilAsync(current, "How bad is the pain");
        await other.SayAsync("hi");
        var before = SqliteFiles.RawText(folder);
        Assert.Contains(Duration, before, StringComparison.Ordinal);
        Assert.Contains(EarlierId(earlier), before, StringComparison.Ordinal);

        var reply = await current.SayAsync("delete my data");

        var after = SqliteFiles.RawText(folder);
        Assert.Contains("I've deleted everything", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(Duration, after, StringComparison.Ordinal);
        Assert.DoesNotContain(person, after, StringComparison.Ordinal);
        Assert.DoesNotContain(EarlierId(earlier), after, StringComparison.Ordinal);
        Assert.DoesNotContain(EarlierId(current), after, StringComparison.Ordinal);
        Assert.Equal(0, WalLength(folder));
        Assert.Contains(KeysIn(folder), k => k.Contains(EarlierId(other), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_conversation_erased_on_another_instance_is_indexed_again_when_it_carries_on_so_a_later_delete_removes_it()
    {
        // Two instances on one store. Instance A knows it indexed the conversation and stops reading the index
        // each turn; instance B erases the person; the conversation then carries on at A and must be indexed again.
        var folder = Directory.CreateTempSubdirectory("backcare-erase-two-").FullName;
        var settings = new Dictionary<string, string?> { ["BackCare:Storage:Provider"] = "Sqlite", ["BackCare:Storage:DataFolder"] = folder };
        await using var a = await RunningHost.StartAsync(settings);
        await using var b = await RunningHost.StartAsync(settings);
        var person = "person-" + Guid.NewGuid().ToString("N");
        var carriesOn = new HttpConversation(a, "carries-on-" + Guid.NewGuid().ToString("N"), person);
        await AnswerUntilAsync(carriesOn, "How bad is the pain");

        Assert.Contains("I've deleted everything", await new HttpConversation(b, "first-delete-" + Guid.NewGuid().ToString("N"), person).SayAsync("delete my data"), StringComparison.Ordinal);
        Assert.DoesNotContain(KeysIn(folder), k => k.Contains(carriesOn.ConversationId, StringComparison.Ordinal));

        await carriesOn.SayAsync("hi");
        await carriesOn.SayAsync("no");
        Assert.Contains(KeysIn(folder), k => k.Contains(carriesOn.ConversationId, StringComparison.Ordinal));

        Assert.Contains("I've deleted everything", await new HttpConversation(b, "second-delete-" + Guid.NewGuid().ToString("N"), person).SayAsync("delete my data"), StringComparison.Ordinal);
        Assert.DoesNotContain(KeysIn(folder), k => k.Contains(carriesOn.ConversationId, StringComparison.Ordinal));
        Assert.DoesNotContain(person, SqliteFiles.RawText(folder), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_turn_that_saves_after_another_instance_erased_the_person_is_indexed_again_at_its_next_turn()
    {
        // Instance B erases the person while a turn of their conversation runs on instance A; that turn then saves
        // the conversation's state again. A's next turn of it must index it again, so a later delete finds it.
        var store = new JsonMemoryStorage();
        await using var a = await RunningHost.StartAsync(services: s => s.AddSingleton<Microsoft.Bot.Builder.IStorage>(store));
        await using var b = await RunningHost.StartAsync(services: s => s.AddSingleton<Microsoft.Bot.Builder.IStorage>(store));
        var person = "person-" + Guid.NewGuid().ToString("N");
        var running = new HttpConversation(a, "running-" + Guid.NewGuid().ToString("N"), person);
        await AnswerUntilAsync(running, "How bad is the pain");
        var key = PersonalData.ConversationKey("emulator", running.ConversationId);
        var saved = (await store.ReadDocumentsAsync([key]))[key];

        await new HttpConversation(b, "first-delete-" + Guid.NewGuid().ToString("N"), person).SayAsync("delete my data");
        Assert.Empty(await store.ReadDocumentsAsync([key]));
        await store.WriteDocumentsAsync(new Dictionary<string, string> { [key] = saved }); // the running turn's save

        await running.SayAsync("no");
        await new HttpConversation(b, "second-delete-" + Guid.NewGuid().ToString("N"), person).SayAsync("delete my data");

        Assert.Empty(await store.ReadDocumentsAsync([key]));
    }

    [Fact]
    public async Task The_index_is_looked_at_every_turn_and_read_for_an_update_only_when_the_conversation_is_new_to_it()
    {
        var store = new IndexReadCounter();
        await using var host = await RunningHost.StartAsync(services: s => s.AddSingleton<Microsoft.Bot.Builder.IStorage>(store));
        var conversation = new HttpConversation(host, "counted-" + Guid.NewGuid().ToString("N"), "person-" + Guid.NewGuid().ToString("N"));

        await AnswerUntilAsync(conversation, "How bad is the pain");

        Assert.True(store.IndexLooks >= 5, $"{store.IndexLooks} looks");
        Assert.Equal(1, store.IndexReads);
        Assert.Contains(store.Keys, k => k.EndsWith("/conversations", StringComparison.Ordinal) && k.Contains(conversation.UserId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_turn_reads_its_conversation_its_person_and_their_index_in_one_request_to_the_store()
    {
        var store = new IndexReadCounter();
        await using var host = await RunningHost.StartAsync(services: s => s.AddSingleton<Microsoft.Bot.Builder.IStorage>(store));
        var conversation = new HttpConversation(host, "one-read-" + Guid.NewGuid().ToString("N"), "person-" + Guid.NewGuid().ToString("N"));
        await conversation.SayAsync("hi");

        var before = store.DocumentReads;
        await conversation.SayAsync("no");

        Assert.Equal(1, store.DocumentReads - before);
    }

    /// <summary>A Memory store that counts reads of conversation indexes.</summary>
    private sealed class IndexReadCounter : Microsoft.Bot.Builder.IStorage, IStateDocuments
    {
        private readonly JsonMemoryStorage _inner = new();
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private int _indexReads;
        private int _indexLooks;
        private int _documentReads;

        public int IndexReads => _indexReads;

        public int IndexLooks => _indexLooks;

        public int DocumentReads => Volatile.Read(ref _documentReads);

        public IReadOnlyCollection<string> Keys
        {
            get
            {
                lock (_keys)
                {
                    return [.. _keys];
                }
            }
        }

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref _indexReads, keys.Count(k => k.EndsWith("/conversations", StringComparison.Ordinal)));
            return _inner.ReadAsync(keys, cancellationToken);
        }

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        {
            lock (_keys)
            {
                _keys.UnionWith(changes.Keys);
            }

            return _inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => _inner.DeleteAsync(keys, cancellationToken);

        public Task<IReadOnlyDictionary<string, string>> ReadDocumentsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref _indexLooks, keys.Count(k => k.EndsWith("/conversations", StringComparison.Ordinal)));
            Interlocked.Increment(ref _documentReads);
            return _inner.ReadDocumentsAsync(keys, cancellationToken);
        }

        public Task WriteDocumentsAsync(IReadOnlyDictionary<string, string> documents, CancellationToken cancellationToken = default) => _inner.WriteDocumentsAsync(documents, cancellationToken);
    }

    [Fact]
    public async Task After_delete_my_data_the_blob_container_holds_none_of_the_persons_state_or_lock_blobs()
    {
        var connection = await Azurite.ConnectionStringAsync();
        var containerName = $"erase-{Guid.NewGuid():N}";
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Blob",
            ["BackCare:Storage:BlobConnectionString"] = connection,
            ["BackCare:Storage:BlobContainer"] = containerName,
        });
        var container = new BlobContainerClient(connection, containerName);
        var person = "person-" + Guid.NewGuid().ToString("N");
        var earlier = new HttpConversation(host, "earlier-" + Guid.NewGuid().ToString("N"), person);
        var current = new HttpConversation(host, "current-" + Guid.NewGuid().ToString("N"), person);
        var other = new HttpConversation(host, "other-" + Guid.NewGuid().ToString("N"), "someone-" + Guid.NewGuid().ToString("N"));
        await AnswerUntilAsync(earlier, "How bad is the pain");
        await current.SayAsync("hi");
        await other.SayAsync("hi");
        var before = await ContainerTextAsync(container);
        Assert.Contains(Duration, before, StringComparison.Ordinal);
        Assert.Contains($"locks/{Uri.EscapeDataString($"emulator/{EarlierId(earlier)}")}", before, StringComparison.Ordinal);

        await current.SayAsync("delete my data");

        var after = await ContainerTextAsync(container);
        Assert.DoesNotContain(Duration, after, StringComparison.Ordinal);
        Assert.DoesNotContain(person, after, StringComparison.Ordinal);
        Assert.DoesNotContain(EarlierId(earlier), after, StringComparison.Ordinal);
        Assert.DoesNotContain(EarlierId(current), after, StringComparison.Ordinal);
        Assert.Contains(EarlierId(other), after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_retention_purge_removes_old_lock_blobs_but_not_one_a_turn_holds()
    {
        var container = new BlobContainerClient(await Azurite.ConnectionStringAsync(), $"purge-locks-{Guid.NewGuid():N}");
        var store = new BlobsStorage(container);
        await store.WriteAsync(new Dictionary<string, object> { ["a"] = new Storage.StorageContractTests.Note() });
        var turnLock = new BlobLeaseTurnLock(container);
        await (await turnLock.AcquireAsync("emulator/finished", CancellationToken.None)).DisposeAsync();
        var running = await turnLock.AcquireAsync("emulator/running", CancellationToken.None);

        await store.PurgeOlderThanAsync(DateTimeOffset.UtcNow.AddMinutes(5));
        var left = await NamesAsync(container);
        await running.DisposeAsync();

        Assert.Equal([BlobLeaseTurnLock.BlobName("emulator/running")], left);
    }

    [Fact]
    public async Task Delete_my_data_in_web_chat_empties_the_direct_line_transcripts_of_every_conversation_of_the_person()
    {
        await using var host = await RunningHost.StartAsync();
        var first = await WebChat.ConnectAsync(host, null);
        var second = await WebChat.ConnectAsync(host, first.Ticket);
        Assert.Equal(first.UserId, second.UserId);
        await first.PostAsync("hi");
        await first.PostAsync("none of these");
        await second.PostAsync("hi");
        var store = host.Services.GetRequiredService<Microsoft.Bot.Builder.IStorage>();
        Assert.NotEmpty(await store.ReadAsync([PersonalData.ConversationKey("webchat", first.ConversationId)]));

        await second.PostAsync("delete my data");

        var firstLeft = await first.TranscriptAsync();
        var secondLeft = await second.TranscriptAsync();
        Assert.Empty(firstLeft);
        Assert.Equal(["delete my data"], secondLeft.Where(a => (string?)a["from"]?["role"] == "user").Select(a => (string?)a["text"]));
        Assert.Contains(secondLeft, a => ((string?)a["text"] ?? string.Empty).Contains("I've deleted everything", StringComparison.Ordinal));
        Assert.Empty(await store.ReadAsync([
            PersonalData.ConversationKey("webchat", first.ConversationId),
            PersonalData.ConversationKey("webchat", second.ConversationId),
            PersonalData.UserKey("webchat", first.UserId),
            PersonalData.IndexKey("webchat", first.UserId)]));
    }

    private static string EarlierId(HttpConversation conversation) => conversation.ConversationId;

    private static async Task AnswerUntilAsync(HttpConversation conversation, string marker)
    {
        var reply = await conversation.SayAsync("hi");
        for (var i = 0; i < 20 && !reply.Contains(marker, StringComparison.Ordinal); i++)
        {
            reply = await conversation.SayAsync(reply switch
            {
                _ when reply.Contains("How long have you had", StringComparison.Ordinal) => "about " + Duration,
                _ when reply.Contains("safety checks", StringComparison.Ordinal) => "none of these",
                _ when reply.Contains("How old are you", StringComparison.Ordinal) => "34",
                _ when reply.Contains("Where is the pain", StringComparison.Ordinal) => "lower back",
                _ => "no",
            });
        }

        Assert.Contains(marker, reply, StringComparison.Ordinal);
    }

    private static long WalLength(string folder)
    {
        var wal = new FileInfo(Path.Combine(folder, "backcare-state.db-wal"));
        return wal.Exists ? wal.Length : 0;
    }

    private static List<string> KeysIn(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "backcare-state.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM state";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<List<string>> NamesAsync(BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>Every blob's name and content, as one text.</summary>
    private static async Task<string> ContainerTextAsync(BlobContainerClient container)
    {
        var text = new StringBuilder();
        foreach (var name in await NamesAsync(container))
        {
            text.AppendLine(name);
            text.AppendLine((await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString());
        }

        return text.ToString();
    }
}
