using BackCare.Bot.Tests.Support;

namespace BackCare.Bot.Tests.Channels;

/// <summary>The real Web Chat widget, in headless Chromium, against the real host on 127.0.0.1 in local mode.</summary>
public class WebChatBrowserTests
{
    [Fact]
    public async Task A_person_in_web_chat_is_greeted_completes_a_triage_and_starts_the_first_exercise()
    {
        const string Chromium = "/usr/bin/chromium";
        Assert.True(File.Exists(Chromium), $"Chromium is not installed at {Chromium}: .ci/run installs it (apt-get install chromium).");
        await using var host = await RunningHost.StartAsync();
        var screenshots = Directory.CreateDirectory(Path.Combine(SolutionPaths.Root, "artifacts", "e2e")).FullName;
        var screenshot = Path.Combine(screenshots, "webchat-first-exercise.png");
        File.Delete(screenshot);

        var run = await ExternalProcess.RunAsync(
            "node",
            [Path.Combine(SolutionPaths.Root, "BackCare.Bot.Tests", "tools", "webchat-e2e.mjs"), host.BaseAddress.ToString(), screenshot],
            timeout: TimeSpan.FromMinutes(4));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("greeted", run.Output);
        Assert.Contains("self-care", run.Output);
        Assert.Contains("first exercise", run.Output);
        Assert.Contains("same user after reload", run.Output);
        var png = Png.Read(screenshot);
        Assert.Equal((900, 1100), (png.Width, png.Height));
    }
}
