using System.Net;
using System.Text;
using BackCare.Bot.Hosting;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Reliability;

/// <summary>A turn that fails (the channel refuses a reply, the store hiccups) loses nothing that was saved.</summary>
public class FailedTurnTests
{
    [Fact]
    public async Task A_channel_that_answers_503_mid_triage_loses_no_earlier_answer()
    {
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await RunningHost.StartAsync();
        var conversation = Guid.NewGuid().ToString("N");
        Assert.Contains("safety checks", await SayAsync(host, connector, conversation, "hi"));
        Assert.Contains("How old are you", await SayAsync(host, connector, conversation, "none of these"));
        Assert.Contains("Where is the pain", await SayAsync(host, connector, conversation, "34"));
        Assert.Contains("How long have you had", await SayAsync(host, connector, conversation, "lower back"));
        Assert.Contains("How bad is the pain", await SayAsync(host, connector, conversation, "5 days"));

        connector.FailWith = 503;
        using (var failed = await PostAsync(host, Activities.Message("4", conversation, connector.ServiceUrl)))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        Assert.True(connector.Refused >= 1);
        connector.FailWith = null;
        var kept = await StoredState.ConversationDataAsync(host, conversation);
        var next = await SayAsync(host, connector, conversation, "4");
        var after = await StoredState.ConversationDataAsync(host, conversation);

        // The failed turn changed nothing; the earlier answers are all there, and the severity question is still open.
        Assert.NotNull(kept);
        Assert.Equal(5, kept.Answers.DurationDays);
        Assert.Null(kept.Answers.Severity);
        Assert.Contains("get better when you rest", next);
        Assert.Equal(5, after!.Answers.DurationDays);
        Assert.Equal(4, after.Answers.Severity);
        Assert.False(after.Answers.ScreenPositive);
    }

    [Fact]
    public async Task A_channel_that_answers_503_after_an_emergency_result_keeps_the_result()
    {
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await RunningHost.StartAsync();
        var conversation = Guid.NewGuid().ToString("N");
        await SayAsync(host, connector, conversation, "hi");
        var advice = await SayAsync(host, connector, conversation, "I have chest pain");
        Assert.Contains("Call 911", advice);

        connector.FailWith = 503;
        using (await PostAsync(host, Activities.Message("hi", conversation, connector.ServiceUrl)))
        {
        }

        Assert.True(connector.Refused >= 1);
        connector.FailWith = null;
        var next = await SayAsync(host, connector, conversation, "hi");
        var data = await StoredState.ConversationDataAsync(host, conversation);

        Assert.Contains("Call 911", next);
        Assert.Contains("start over", next);
        Assert.DoesNotContain("safety checks", next);
        Assert.Equal(Disposition.Emergency, data!.Outcome!.Level);
        Assert.Equal(Answer.Yes, data.Answers.ChestPain);
    }

    [Fact]
    public async Task A_failing_turn_apologises_keeps_the_conversation_and_logs_no_user_text()
    {
        // A store whose write fails once, as a flaky disk or network would.
        var real = new MemoryStorage();
        var failNext = false;
        var storage = new Mock<IStorage>();
        storage.Setup(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>())).Returns((string[] k, CancellationToken c) => real.ReadAsync(k, c));
        storage.Setup(s => s.WriteAsync(It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()))
            .Returns((IDictionary<string, object> changes, CancellationToken c) =>
            {
                if (failNext)
                {
                    failNext = false;
                    throw new IOException("disk full");
                }

                return real.WriteAsync(changes, c);
            });
        storage.Setup(s => s.DeleteAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>())).Returns((string[] k, CancellationToken c) => real.DeleteAsync(k, c));
        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartAsync(services: s => s.AddSingleton(storage.Object), logs: logs);
        var http = new HttpConversation(host, Guid.NewGuid().ToString("N"));
        Assert.Contains("safety checks", await http.SayAsync("hi"));
        Assert.Contains("How old are you", await http.SayAsync("none of these"));

        failNext = true;
        var apology = await http.SayAsync("my secret symptom words");
        var next = await http.SayAsync("34");

        Assert.Contains(Language.Text[AdapterWithErrorHandler.TurnFailedPhrase], apology);
        Assert.Contains("Where is the pain", next);
        storage.Verify(s => s.DeleteAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>()), Times.Never());
        Assert.Contains("IOException", logs.All);
        Assert.DoesNotContain("secret symptom", logs.All);
    }

    [Fact]
    public async Task Only_state_that_cannot_be_read_is_reset_and_that_is_logged()
    {
        var folder = Directory.CreateTempSubdirectory("backcare-unreadable-").FullName;
        var settings = new Dictionary<string, string?> { ["BackCare:Storage:Provider"] = "Sqlite", ["BackCare:Storage:DataFolder"] = folder };
        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartAsync(settings, logs: logs);
        var http = new HttpConversation(host, Guid.NewGuid().ToString("N"));
        await http.SayAsync("hi");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "backcare-state.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var corrupt = connection.CreateCommand();
            corrupt.CommandText = "UPDATE state SET json = '{\"$type\": \"System.Diagnostics.Process, System.Diagnostics.Process\"}' WHERE key LIKE 'emulator/conversations/%'";
            Assert.Equal(1, await corrupt.ExecuteNonQueryAsync());
        }

        var reply = await http.SayAsync("hi");

        Assert.Contains("safety checks", reply);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("conversation state could not be read"));
    }

    private static async Task<string> SayAsync(RunningHost host, ConnectorHost connector, string conversation, string text)
    {
        using var response = await PostAsync(host, Activities.Message(text, conversation, connector.ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The turn has ended when the POST answers: every reply has reached the connector by then.
        return string.Join("\n", connector.Drain().Where(a => (string?)a["type"] == "message").Select(a => HttpConversation.TextOf((JObject)a)));
    }

    private static Task<HttpResponseMessage> PostAsync(RunningHost host, JObject activity)
        => host.Client.PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
}
