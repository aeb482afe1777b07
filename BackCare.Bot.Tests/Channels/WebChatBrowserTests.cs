using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using BackCare.Bot.DirectLine;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BackCare.Bot.Tests.Channels;

/// <summary>
/// The real Web Chat widget, in headless Chromium, against the real host on 127.0.0.1 in local mode, with the
/// default store (SQLite, in a folder of its own): keyboard-only triage, routine, reload mid-routine, accessibility
/// scan, a host restart under the open page (same conversation and transcript after a reload), a conversation the
/// host no longer has (the page starts a new one), and "delete my data" across loads (tools/webchat-e2e.mjs says how).
/// </summary>
public class WebChatBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_person_in_web_chat_keeps_their_conversation_across_a_reload_and_a_host_restart_with_the_keyboard_alone()
    {
        const string Chromium = "/usr/bin/chromium";
        Assert.True(File.Exists(Chromium), $"Chromium is not installed at {Chromium}: .ci/run installs it (apt-get install chromium).");
        var screenshots = Directory.CreateDirectory(Path.Combine(SolutionPaths.Root, "artifacts", "e2e")).FullName;
        var screenshot = Path.Combine(screenshots, "webchat-first-exercise.png");
        File.Delete(screenshot);
        var data = Directory.CreateTempSubdirectory("backcare-webchat-");
        // A fixed port, so the restarted host is where the open page looks for it.
        var settings = new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Sqlite",
            ["BackCare:Storage:DataFolder"] = data.FullName,
            ["urls"] = $"http://127.0.0.1:{FreePort()}",
        };
        var host = await RunningHost.StartAsync(settings);
        var restarts = 0;
        try
        {
            var run = await ExternalProcess.RunAsync(
                "node",
                [Path.Combine(SolutionPaths.Root, "BackCare.Bot.Tests", "tools", "webchat-e2e.mjs"), host.BaseAddress.ToString(), screenshot, "--restart"],
                timeout: TimeSpan.FromMinutes(4),
                onOutputLine: async line =>
                {
                    if (line != "restart-host")
                    {
                        return null;
                    }

                    await host.DisposeAsync();
                    host = await RunningHost.StartAsync(settings);
                    restarts++;
                    return "restarted";
                });
            output.WriteLine(run.All);
            File.WriteAllText(Path.Combine(screenshots, "webchat-e2e.txt"), run.All);

            Assert.True(run.ExitCode == 0, run.All);
            Assert.Equal(1, restarts);
            foreach (var done in new[]
            {
                "connecting state shown", "greeted", "self-care, with the keyboard alone", "first exercise",
                "same conversation and transcript after reload", "routine carries on after reload", "polling recovers after a network blip",
                "same conversation and transcript after host restart", "routine carries on after host restart",
                "recovered when the conversation was gone", "carry-on offered in a new conversation", "delete my data covers every load",
                "emergency card calls tel:911",
                "same user across 3 loads",
            })
            {
                Assert.Contains(done, run.Output);
            }

            // The first reply's time is measured and printed, not asserted (a shared machine's timing is not a test).
            Assert.Matches(@"first reply after load: \d+ ms", run.Output);
            Assert.Matches(@"axe on the greeting: 0 serious or critical", run.Output);
            Assert.Matches(@"axe mid-routine after a reload: 0 serious or critical", run.Output);

            // "delete my data" in the second conversation removed the first one's state, as the store holds it.
            var before = Printed(run.Output, "conversation before restart");
            var after = Printed(run.Output, "conversation after restart");
            var user = Printed(run.Output, "user");
            var storage = host.Services.GetRequiredService<IStorage>();
            var left = await storage.ReadAsync([PersonalData.ConversationKey("webchat", before), PersonalData.ConversationKey("webchat", after)]);
            Assert.Empty(left);
            var index = await storage.ReadAsync([PersonalData.IndexKey("webchat", user)]);
            Assert.DoesNotContain(index.Values.OfType<UserConversations>().SelectMany(i => i.Conversations), c => c == before || c == after);

            // The transcript kept in the store across the restart went too: only the request and its answer are left
            // of the conversation it was asked in, nothing of the one before.
            var stored = new List<string>();
            foreach (var conversation in new[] { before, after })
            {
                var record = await storage.ReadAsync([OfflineConversation.KeyOf(conversation)]);
                foreach (var kept in record.Values.OfType<StoredConversation>())
                {
                    var chunks = await storage.ReadAsync(OfflineConversation.ChunkKeysOf(kept));
                    stored.AddRange(chunks.Values.OfType<StoredTranscriptChunk>().SelectMany(c => c.Activities));
                }
            }

            Assert.DoesNotContain(stored, a => a.Contains("How old are you", StringComparison.Ordinal) || a.Contains("Exercise 1 of", StringComparison.Ordinal));
            Assert.Contains(stored, a => a.Contains("delete my data", StringComparison.Ordinal));

            var png = Png.Read(screenshot);
            Assert.Equal((900, 1100), (png.Width, png.Height));
        }
        finally
        {
            await host.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not a test failure.
            }
        }
    }

    private static string Printed(string output, string label)
    {
        var match = Regex.Match(output, $"^{Regex.Escape(label)}: (\\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"'{label}' was not printed");
        return match.Groups[1].Value;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
