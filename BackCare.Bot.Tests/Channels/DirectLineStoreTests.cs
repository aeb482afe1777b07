using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BackCare.Bot.DirectLine;
using BackCare.Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Channels;

/// <summary>
/// The offline Direct Line conversations kept in the store: a host restarted on the same SQLite file honours the
/// tokens it gave before and gives the same transcript from the same watermark; the caps hold across restarts;
/// "delete my data" removes the stored transcripts of every conversation of the person, down to the file's bytes.
/// </summary>
public sealed class DirectLineStoreTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("backcare-dl-store-");

    private Dictionary<string, string?> Settings(int? maxActivities = null)
    {
        var settings = new Dictionary<string, string?> { ["BackCare:Storage:Provider"] = "Sqlite", ["BackCare:Storage:DataFolder"] = _data.FullName, ["BackCare:DirectLine:PollWaitSeconds"] = "0" };
        if (maxActivities is { } cap)
        {
            settings["BackCare:DirectLine:MaxActivitiesPerConversation"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    [Fact]
    public async Task After_a_restart_on_the_same_sqlite_file_the_old_token_and_watermark_give_the_same_transcript_and_the_bot_carries_on()
    {
        Page page;
        List<JObject> before;
        string watermark;
        await using (var first = await RunningHost.StartAsync(Settings()))
        {
            page = await Page.ConnectAsync(first);
            await page.PostAsync(first, "hi");
            await page.PostAsync(first, "none of these");
            (before, watermark) = await page.ActivitiesAsync(first);
        }

        await using var second = await RunningHost.StartAsync(Settings());
        var (after, sameWatermark) = await page.ActivitiesAsync(second);
        var (nothingNew, stillSame) = await page.ActivitiesAsync(second, watermark);
        var reconnected = await page.JsonAsync(second, HttpMethod.Get, $"/v3/directline/conversations/{page.ConversationId}?watermark={watermark}");
        var posted = await page.PostAsync(second, "34");
        var (carriedOn, newWatermark) = await page.ActivitiesAsync(second, watermark);
        var refreshed = await page.JsonAsync(second, HttpMethod.Post, "/v3/directline/tokens/refresh");

        Assert.Contains(before, a => ((string?)a["text"] ?? string.Empty).Contains("How old are you", StringComparison.Ordinal));
        Assert.Equal(before.Select(a => a.ToString()), after.Select(a => a.ToString()));
        Assert.Equal(watermark, sameWatermark);
        Assert.Empty(nothingNew);
        Assert.Equal(watermark, stillSame);
        Assert.Equal(page.ConversationId, (string?)reconnected["conversationId"]);
        Assert.Equal(watermark, (string?)reconnected["watermark"]);

        // The bot goes on with the same triage (the age was asked before the restart), and the new activities
        // follow the old ones: new server ids, the watermark counting on.
        Assert.Equal("34", (string?)carriedOn[0]["text"]);
        Assert.Equal((string?)posted["id"], (string?)carriedOn[0]["id"]);
        Assert.DoesNotContain(before, a => (string?)a["id"] == (string?)posted["id"]);
        var answer = string.Join("\n", carriedOn.Skip(1).Select(a => (string?)a["text"]));
        Assert.False(string.IsNullOrWhiteSpace(answer));
        Assert.DoesNotContain("How old are you", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("safety checks", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("I'm BackCare", answer, StringComparison.Ordinal);
        Assert.True(int.Parse(newWatermark, System.Globalization.CultureInfo.InvariantCulture) > int.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(page.ConversationId, (string?)refreshed["conversationId"]);
    }

    [Fact]
    public async Task On_blob_storage_too_a_restart_keeps_the_conversation_its_transcript_and_its_token()
    {
        var settings = new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Blob",
            ["BackCare:Storage:BlobConnectionString"] = await Azurite.ConnectionStringAsync(),
            ["BackCare:Storage:BlobContainer"] = $"dl-restart-{Guid.NewGuid():N}",
            ["BackCare:DirectLine:PollWaitSeconds"] = "0",
        };
        Page page;
        List<JObject> before;
        await using (var first = await RunningHost.StartAsync(settings))
        {
            page = await Page.ConnectAsync(first);
            await page.PostAsync(first, "hi");
            (before, _) = await page.ActivitiesAsync(first);
        }

        await using var second = await RunningHost.StartAsync(settings);
        var (after, _) = await page.ActivitiesAsync(second);
        await page.PostAsync(second, "none of these");
        var (carriedOn, _) = await page.ActivitiesAsync(second);

        Assert.Contains(before, a => ((string?)a["text"] ?? string.Empty).Contains("safety checks", StringComparison.Ordinal));
        Assert.Equal(before.Select(a => a.ToString()), after.Select(a => a.ToString()));
        Assert.Contains(carriedOn, a => ((string?)a["text"] ?? string.Empty).Contains("How old are you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_for_a_conversation_the_store_does_not_have_or_a_made_up_token_gets_401_after_a_restart()
    {
        Page page;
        await using (var first = await RunningHost.StartAsync(Settings()))
        {
            page = await Page.ConnectAsync(first);
            await page.PostAsync(first, "hi");
        }

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data.FullName, "backcare-state.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM state WHERE key LIKE 'directline/conversations/%'";
            Assert.True(command.ExecuteNonQuery() > 0);
        }

        await using var second = await RunningHost.StartAsync(Settings());
        using var gone = await page.SendAsync(second, HttpMethod.Get, $"/v3/directline/conversations/{page.ConversationId}/activities");
        var forged = page.Token[..page.Token.LastIndexOf('.')] + ".AAAA";
        using var madeUp = await page.SendAsync(second, HttpMethod.Get, $"/v3/directline/conversations/{page.ConversationId}/activities", token: forged);

        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, madeUp.StatusCode);
    }

    [Fact]
    public async Task The_caps_hold_across_restarts_and_the_store_keeps_only_the_chunks_of_what_is_kept()
    {
        Page page;
        string lastBefore;
        await using (var first = await RunningHost.StartAsync(Settings(maxActivities: 5)))
        {
            page = await Page.ConnectAsync(first);
            for (var i = 1; i <= 15; i++)
            {
                await page.PostAsync(first, i == 1 ? "hi" : "help");
            }

            lastBefore = (string)(await page.PostAsync(first, "help"))["id"]!;
        }

        var storedChunks = ChunkRows(page.ConversationId);
        List<JObject> afterRestart;
        List<JObject> afterMore;
        await using (var second = await RunningHost.StartAsync(Settings(maxActivities: 5)))
        {
            (afterRestart, _) = await page.ActivitiesAsync(second);
            for (var i = 1; i <= 3; i++)
            {
                await page.PostAsync(second, "help");
            }

            (afterMore, _) = await page.ActivitiesAsync(second);
        }

        // A lower cap set before the next start holds at once.
        List<JObject> lowered;
        await using (var third = await RunningHost.StartAsync(Settings(maxActivities: 2)))
        {
            (lowered, _) = await page.ActivitiesAsync(third);
        }

        Assert.Equal(5, afterRestart.Count);
        Assert.Contains(afterRestart, a => (string?)a["id"] == lastBefore);
        Assert.InRange(storedChunks, 1, 2);
        Assert.Equal(5, afterMore.Count);
        Assert.DoesNotContain(afterMore, a => (string?)a["id"] == lastBefore);
        Assert.InRange(ChunkRows(page.ConversationId), 1, 2);
        Assert.Equal(afterMore.TakeLast(2).Select(a => (string?)a["id"]), lowered.Select(a => (string?)a["id"]));
    }

    [Fact]
    public async Task Delete_my_data_removes_the_stored_transcripts_of_every_conversation_of_the_person_across_a_restart()
    {
        const string Earlier = "my kumquat ache";
        const string Current = "my persimmon twinge";
        Page earlier;
        Page current;
        Page other;
        await using (var first = await RunningHost.StartAsync(Settings()))
        {
            earlier = await Page.ConnectAsync(first);
            await earlier.PostAsync(first, "hi");
            await earlier.PostAsync(first, Earlier);
            current = await Page.ConnectAsync(first, earlier.Ticket);
            other = await Page.ConnectAsync(first);
            await other.PostAsync(first, "hi");
        }

        await using var second = await RunningHost.StartAsync(Settings());
        await current.PostAsync(second, "hi");
        await current.PostAsync(second, Current);
        var before = SqliteFiles.RawText(_data.FullName);

        await current.PostAsync(second, "delete my data");

        var after = SqliteFiles.RawText(_data.FullName);
        var (currentLeft, _) = await current.ActivitiesAsync(second);
        using var earlierLeft = await earlier.SendAsync(second, HttpMethod.Get, $"/v3/directline/conversations/{earlier.ConversationId}/activities");
        var (otherLeft, _) = await other.ActivitiesAsync(second);

        Assert.Equal(current.UserId, earlier.UserId);
        Assert.Contains(Earlier, before, StringComparison.Ordinal);
        Assert.Contains(Current, before, StringComparison.Ordinal);
        Assert.DoesNotContain(Earlier, after, StringComparison.Ordinal);
        Assert.DoesNotContain(Current, after, StringComparison.Ordinal);
        Assert.Equal(["delete my data"], currentLeft.Where(a => (string?)a["from"]?["role"] == "user").Select(a => (string?)a["text"]));
        Assert.Contains(currentLeft, a => ((string?)a["text"] ?? string.Empty).Contains("I've deleted everything", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, earlierLeft.StatusCode);
        Assert.Empty(JObject.Parse(await earlierLeft.Content.ReadAsStringAsync())["activities"]!);
        Assert.Equal(0, ChunkRows(earlier.ConversationId));
        Assert.Contains(otherLeft, a => (string?)a["text"] == "hi");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            _data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }

    private int ChunkRows(string conversationId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.FullName, "backcare-state.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM state WHERE key LIKE $prefix";
        command.Parameters.AddWithValue("$prefix", OfflineConversation.KeyOf(conversationId) + "/%");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A page's hold on one conversation (its token, user and ticket), usable against any host.</summary>
    private sealed class Page
    {
        private int _sent;

        public string Token { get; private set; } = string.Empty;

        public string UserId { get; private set; } = string.Empty;

        public string Ticket { get; private set; } = string.Empty;

        public string ConversationId { get; private set; } = string.Empty;

        public static async Task<Page> ConnectAsync(RunningHost host, string? ticket = null)
        {
            var body = ticket is null ? new JObject() : new JObject { ["userTicket"] = ticket };
            using var response = await host.Client.PostAsync("/api/directline/token", new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            var token = JObject.Parse(await response.Content.ReadAsStringAsync());
            var page = new Page { Token = (string)token["token"]!, UserId = (string)token["userId"]!, Ticket = (string)token["userTicket"]!, ConversationId = (string)token["conversationId"]! };
            using var started = await page.SendAsync(host, HttpMethod.Post, "/v3/directline/conversations");
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            return page;
        }

        public Task<JObject> PostAsync(RunningHost host, string text) => JsonAsync(host, HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", new JObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JObject { ["id"] = UserId, ["role"] = "user" },
            ["channelData"] = new JObject { ["clientActivityID"] = $"page-{Interlocked.Increment(ref _sent)}" },
        });

        public async Task<(List<JObject> Activities, string Watermark)> ActivitiesAsync(RunningHost host, string? watermark = null)
        {
            var body = await JsonAsync(host, HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities{(watermark is null ? string.Empty : $"?watermark={watermark}")}");
            return (body["activities"]!.Select(a => (JObject)a).ToList(), (string)body["watermark"]!);
        }

        public async Task<JObject> JsonAsync(RunningHost host, HttpMethod method, string path, JObject? body = null)
        {
            using var response = await SendAsync(host, method, path, body);
            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode}");
            return JObject.Parse(await response.Content.ReadAsStringAsync());
        }

        public Task<HttpResponseMessage> SendAsync(RunningHost host, HttpMethod method, string path, JObject? body = null, string? token = null)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
            }

            return host.Client.SendAsync(request);
        }
    }
}
