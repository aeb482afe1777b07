using BackCare.Bot.Hosting;
using BackCare.Bot.Tests.Support;

namespace BackCare.Bot.Tests.Hosting;

public class StartupTests
{
    [Fact]
    public async Task Outside_development_an_empty_app_id_refuses_to_start()
    {
        await using var app = RunningHost.Build(environment: "Production");

        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => app.StartAsync());

        Assert.Contains("MicrosoftAppId is empty", error.Message);
        Assert.Contains("AllowUnauthenticatedOutsideDevelopment", error.Message);
    }

    [Fact]
    public async Task Outside_development_an_empty_app_id_starts_with_a_loud_warning_when_allowed()
    {
        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartAsync(
            new Dictionary<string, string?> { ["BackCare:AllowUnauthenticatedOutsideDevelopment"] = "true" },
            environment: "Production",
            logs: logs);

        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("UNAUTHENTICATED TRAFFIC"));
    }

    [Fact]
    public async Task A_broken_exercise_catalogue_stops_the_host_with_a_message_that_says_what_to_fix()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"exercises-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, """{ "exercises": [ { "id": "plank", "name": "Plank", "kind": "strength", "purpose": "p", "setup": "s", "steps": [], "dose": { "sets": 1, "reps": 1, "holdSeconds": 0, "perSide": false, "secondsPerRep": 1, "doseText": "d" }, "cautions": [], "offered": { "doctorLevel": false } } ] }""");
        try
        {
            await using var app = RunningHost.Build(new Dictionary<string, string?> { ["BackCare:ExerciseCataloguePath"] = broken });

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => app.StartAsync());

            Assert.Contains("'plank' needs at least one step", error.Message);
            Assert.Contains("'plank' needs a caution that tells the person to stop", error.Message);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task Triage_content_with_a_missing_question_stops_the_host()
    {
        var source = Path.Combine(SolutionPaths.BotProject, "Triage", "triage-content.json");
        var json = Newtonsoft.Json.Linq.JObject.Parse(await File.ReadAllTextAsync(source));
        ((Newtonsoft.Json.Linq.JObject)json["questions"]!).Remove("Severity");
        var broken = Path.Combine(Path.GetTempPath(), $"triage-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, json.ToString());
        try
        {
            await using var app = RunningHost.Build(new Dictionary<string, string?> { ["BackCare:TriageContentPath"] = broken });

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => app.StartAsync());

            Assert.Contains("questions.Severity is missing", error.Message);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
