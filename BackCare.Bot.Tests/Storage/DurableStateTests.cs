using BackCare.Bot.Hosting;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Storage;

public class DurableStateTests
{
    private static Dictionary<string, string?> Sqlite(string folder) => new()
    {
        ["BackCare:Storage:Provider"] = "Sqlite",
        ["BackCare:Storage:DataFolder"] = folder,
    };

    private static async Task<Dictionary<string, string?>> BlobAsync(string container) => new()
    {
        ["BackCare:Storage:Provider"] = "Blob",
        ["BackCare:Storage:BlobConnectionString"] = await Azurite.ConnectionStringAsync(),
        ["BackCare:Storage:BlobContainer"] = container,
    };

    [Fact]
    public async Task A_host_restart_mid_routine_over_the_same_sqlite_file_resumes_at_the_same_step()
    {
        var folder = Directory.CreateTempSubdirectory("backcare-restart-").FullName;
        var conversation = Guid.NewGuid().ToString("N");
        string where;
        await using (var first = await RunningHost.StartAsync(Sqlite(folder)))
        {
            var http = new HttpConversation(first, conversation);
            await http.RunTriageToSelfCareAsync();
            await http.SayAsync("yes");
            await http.SayAsync("yes, let's start");
            await http.SayAsync("skip");
            where = await http.SayAsync("done");
            Assert.Contains("**Exercise 2 of 7: Cat-cow**", where);
            Assert.Contains("Step 1 of 3", where);
        }

        await using var second = await RunningHost.StartAsync(Sqlite(folder));
        var back = await new HttpConversation(second, conversation).SayAsync("is anyone there");

        Assert.Contains("We're at exercise 2 of 7 (Cat-cow), step 1", back);
        Assert.Contains("Step 1 of 3", back);
    }

    [Fact]
    public async Task Two_messages_sent_at_once_to_one_host_both_take_effect()
    {
        await using var host = await RunningHost.StartAsync(Sqlite(Directory.CreateTempSubdirectory("backcare-race-").FullName));
        var http = new HttpConversation(host, Guid.NewGuid().ToString("N"));
        await http.AnswerUntilAsync("Does the pain get better when you rest");

        // "no" answers both this question and the next one: each must be recorded, whichever runs first.
        await Task.WhenAll(http.SayAsync("no"), http.SayAsync("no"));
        var summary = await http.SayAsync("summary");

        Assert.Contains("- Gets better with rest: no", summary);
        Assert.Contains("- Pain spreads down a leg: no", summary);
    }

    [Fact]
    public async Task Two_hosts_over_one_blob_container_continue_one_conversation_alternately_and_concurrently()
    {
        var settings = await BlobAsync($"alternate-{Guid.NewGuid():N}");
        await using var a = await RunningHost.StartAsync(settings);
        await using var b = await RunningHost.StartAsync(settings);
        var conversation = Guid.NewGuid().ToString("N");
        var onA = new HttpConversation(a, conversation);
        var onB = new HttpConversation(b, conversation);

        Assert.Contains("safety checks", await onA.SayAsync("hi"));
        Assert.Contains("How old are you", await onB.SayAsync("none of these"));
        Assert.Contains("Where is the pain", await onA.SayAsync("34"));
        Assert.Contains("How long have you had", await onB.SayAsync("lower back"));
        Assert.Contains("How bad is the pain", await onA.SayAsync("10 days"));
        Assert.Contains("get better when you rest", await onB.SayAsync("4"));
        await Task.WhenAll(onA.SayAsync("no"), onB.SayAsync("no"));
        var summary = await onA.SayAsync("summary");

        Assert.Contains("- How long: 10 days", summary);
        Assert.Contains("- Pain at its worst (0-10): about 4 out of 10", summary);
        Assert.Contains("- Gets better with rest: no", summary);
        Assert.Contains("- Pain spreads down a leg: no", summary);
    }

    [Fact]
    public async Task Delete_my_data_removes_the_conversation_and_the_user_from_the_store()
    {
        var folder = Directory.CreateTempSubdirectory("backcare-delete-").FullName;
        await using var host = await RunningHost.StartAsync(Sqlite(folder));
        var conversation = Guid.NewGuid().ToString("N");
        var http = new HttpConversation(host, conversation);
        await http.SayAsync("hi");
        await http.SayAsync("none of these");
        Assert.Contains($"emulator/conversations/{conversation}", KeysIn(folder));

        var reply = await http.SayAsync("delete my data");

        Assert.Contains("I've deleted everything", reply);
        Assert.DoesNotContain(KeysIn(folder), k => k.Contains(conversation, StringComparison.Ordinal) || k == $"emulator/users/{http.UserId}");
    }

    [Fact]
    public async Task State_untouched_past_the_retention_period_is_purged_and_recent_state_is_kept()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("backcare-purge-").FullName, "state.db");
        var clock = new MovableClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new SqliteStorage(path, clock);
        await store.WriteAsync(new Dictionary<string, object> { ["old"] = new StorageContractTests.Note() });
        clock.Now = clock.Now.AddDays(29);
        await store.WriteAsync(new Dictionary<string, object> { ["recent"] = new StorageContractTests.Note() });
        clock.Now = clock.Now.AddDays(2);
        var options = Options.Create(new StorageOptions { RetentionDays = 30 });
        var sut = new StatePurgeService(store, options, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<StatePurgeService>.Instance);

        var deleted = await sut.PurgeOnceAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal(["recent"], (await store.ReadAsync(["old", "recent"])).Keys);
    }

    [Fact]
    public async Task Blob_state_past_retention_is_purged()
    {
        var store = new BlobsStorage(new Azure.Storage.Blobs.BlobContainerClient(await Azurite.ConnectionStringAsync(), $"purge-{Guid.NewGuid():N}"));
        await store.WriteAsync(new Dictionary<string, object> { ["a"] = new StorageContractTests.Note() });

        var none = await store.PurgeOlderThanAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var all = await store.PurgeOlderThanAsync(DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Equal((0, 1), (none, all));
        Assert.Empty(await store.ReadAsync(["a"]));
    }

    [Fact]
    public async Task A_whole_triage_and_routine_leave_no_user_text_or_answer_in_the_logs()
    {
        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartAsync(Sqlite(Directory.CreateTempSubdirectory("backcare-logs-").FullName), logs: logs);
        var http = new HttpConversation(host, Guid.NewGuid().ToString("N"));
        var said = new[] { "hello there zebra", "none of these", "I'm 43", "lower back", "about 17 days", "six out of ten", "yes it eases a bit", "only to the thigh, my left one", "no numbness", "none of those", "no osteoporosis", "no, first time" };
        foreach (var text in said)
        {
            await http.SayAsync(text);
        }

        await http.SayAsync("yes");
        await http.SayAsync("yes, let's start");
        await http.SayAsync("it hurts a lot");
        await http.SayAsync("delete my data");

        Assert.NotEmpty(logs.Lines);
        foreach (var text in said.Append("it hurts a lot"))
        {
            Assert.DoesNotContain(text, logs.All, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("zebra", logs.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("17 days", logs.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Self-care", logs.All, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_blob_provider_without_a_connection_string_refuses_to_start()
    {
        var options = new StorageOptions { Provider = StorageProvider.Blob };

        var error = Assert.Throws<StartupRefusedException>(() => StorageFactory.Create(options, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Path.GetTempPath() }));

        Assert.Contains("BlobConnectionString is empty", error.Message);
    }

    private static List<string> KeysIn(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "backcare-state.db")}");
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

    private sealed class MovableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
