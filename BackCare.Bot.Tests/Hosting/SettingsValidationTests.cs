using BackCare.Bot.DirectLine;
using BackCare.Bot.Hosting;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Tests.Hosting;

/// <summary>Each setting is validated when the host starts: a bad value stops it with a message naming the setting.</summary>
public class SettingsValidationTests
{
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), $"backcare-missing-{Guid.NewGuid():N}");

    /// <summary>The setting the message must name, and the settings (key=value) that make it invalid.</summary>
    public static TheoryData<string, string[]> InvalidSettings() => new()
    {
        { "BackCare:Care:EmergencyNumber", ["BackCare:Care:EmergencyNumber="] },
        { "BackCare:Care:EmergencyNumber", ["BackCare:Care:EmergencyNumber=   "] },
        { "BackCare:Care:EmergencyNumber", ["BackCare:Care:EmergencyNumber=call 911"] },
        { "BackCare:Care:EmergencyNumber", ["BackCare:Care:EmergencyNumber=9-1-1"] },
        { "BackCare:Care:EmergencyNumber", ["BackCare:Care:EmergencyNumber=9"] },
        { "BackCare:Care:EmergencyNumber", ["BackCare:Care:EmergencyNumber=+1 234 567 890 123 456 789"] },
        { "BackCare:Care:UrgentAdvice", ["BackCare:Care:UrgentAdvice="] },
        { "BackCare:Care:UrgentAdvice", ["BackCare:Care:UrgentAdvice=" + new string('a', 501)] },
        { "BackCare:Storage:Provider", ["BackCare:Storage:Provider=Cosmos"] },
        { "BackCare:Storage:Provider", ["BackCare:Storage:Provider=7"] },
        { "BackCare:Storage:DataFolder", ["BackCare:Storage:Provider=Sqlite", "BackCare:Storage:DataFolder="] },
        { "BackCare:Storage:BlobConnectionString", ["BackCare:Storage:Provider=Blob", "BackCare:Storage:BlobConnectionString="] },
        { "BackCare:Storage:BlobConnectionString", ["BackCare:Storage:Provider=Blob", "BackCare:Storage:BlobConnectionString=not a connection string"] },
        { "BackCare:Storage:BlobContainer", ["BackCare:Storage:BlobContainer=BackCare_State"] },
        { "BackCare:Storage:BlobContainer", ["BackCare:Storage:BlobContainer=ab"] },
        { "BackCare:Storage:BlobContainer", ["BackCare:Storage:BlobContainer=backcare--state"] },
        { "BackCare:Storage:BlobContainer", ["BackCare:Storage:BlobContainer=backcare-"] },
        { "BackCare:Storage:RetentionDays", ["BackCare:Storage:RetentionDays=-1"] },
        { "BackCare:Storage:RetentionDays", ["BackCare:Storage:RetentionDays=a month"] },
        { "BackCare:Storage:PurgeIntervalMinutes", ["BackCare:Storage:PurgeIntervalMinutes=0"] },
        { "BackCare:DirectLine:TokenSeconds", ["BackCare:DirectLine:TokenSeconds=0"] },
        { "BackCare:DirectLine:TokenSeconds", ["BackCare:DirectLine:TokenSeconds=86401"] },
        { "BackCare:DirectLine:RefreshGraceSeconds", ["BackCare:DirectLine:RefreshGraceSeconds=-1"] },
        { "BackCare:DirectLine:MaxConversations", ["BackCare:DirectLine:MaxConversations=0"] },
        { "BackCare:DirectLine:MaxActivitiesPerConversation", ["BackCare:DirectLine:MaxActivitiesPerConversation=0"] },
        { "BackCare:DirectLine:MaxTranscriptBytes", ["BackCare:DirectLine:MaxTranscriptBytes=100"] },
        { "BackCare:DirectLine:TokenRequestsPerMinute", ["BackCare:DirectLine:TokenRequestsPerMinute=0"] },
        { "BackCare:DirectLine:PollWaitSeconds", ["BackCare:DirectLine:PollWaitSeconds=16"] },
        { "BackCare:DirectLine:PollWaitSeconds", ["BackCare:DirectLine:PollWaitSeconds=-1"] },
        { "BackCare:DirectLine:Endpoint", ["BackCare:DirectLine:Endpoint="] },
        { "BackCare:DirectLine:Endpoint", ["BackCare:DirectLine:Endpoint=http://directline.botframework.com/v3/directline"] },
        { "BackCare:DirectLine:Endpoint", ["BackCare:DirectLine:Endpoint=directline.botframework.com"] },
        { "BackCare:DirectLine:Endpoint", ["BackCare:DirectLine:Endpoint=https://directline.botframework.com/v3/directline?x=1"] },
        { "BackCare:DirectLine:PublicUrl", ["BackCare:DirectLine:PublicUrl=backcare.example.org"] },
        { "BackCare:DirectLine:PublicUrl", ["BackCare:DirectLine:PublicUrl=ftp://backcare.example.org"] },
        { "BackCare:DirectLine:PublicUrl", ["BackCare:DirectLine:PublicUrl=https://backcare.example.org/bot"] },
        { "BackCare:Web:FrameAncestors", ["BackCare:Web:FrameAncestors:0=*"] },
        { "BackCare:Web:PublicBaseUrl", ["BackCare:Web:PublicBaseUrl=backcare.contoso.com"] },
        { "BackCare:Web:PublicBaseUrl", ["BackCare:Web:PublicBaseUrl=ftp://backcare.contoso.com"] },
        { "BackCare:Web:PublicBaseUrl", ["BackCare:Web:PublicBaseUrl=https://backcare.contoso.com/?x=1"] },
        { "BackCare:AllowUnauthenticatedOnNetwork", ["BackCare:AllowUnauthenticatedOnNetwork=sure"] },
        { "BackCare:TriageContentPath", [$"BackCare:TriageContentPath={Missing}.json"] },
        { "BackCare:ExerciseCataloguePath", [$"BackCare:ExerciseCataloguePath={Missing}.json"] },
        { "BackCare:LexiconFolder", [$"BackCare:LexiconFolder={Missing}"] },
        { "BackCare:Reminders:PollSeconds", ["BackCare:Reminders:PollSeconds=4"] },
        { "BackCare:Reminders:PollSeconds", ["BackCare:Reminders:PollSeconds=3601"] },
        { "BackCare:Reminders:PollSeconds", ["BackCare:Reminders:PollSeconds=a minute"] },
        { "BackCare:Reminders:MissedGraceMinutes", ["BackCare:Reminders:MissedGraceMinutes=0"] },
        { "BackCare:Reminders:MissedGraceMinutes", ["BackCare:Reminders:MissedGraceMinutes=721"] },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task Each_invalid_setting_stops_the_start_with_its_name_in_the_message(string setting, string[] settings)
    {
        await using var app = RunningHost.Build(settings.Select(s => s.Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        // What Program prints: the message names the setting, and the failure is recognised as a refused start.
        var message = StartFailure.Describe(error);
        Assert.True(message is not null, $"Not recognised as a refused start: {error}");
        Assert.Contains(setting, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blob_connection_string_is_never_repeated_in_the_message()
    {
        await using var app = RunningHost.Build(new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Blob",
            ["BackCare:Storage:BlobConnectionString"] = "AccountKey=s3cr3t-value",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("BackCare:Storage:BlobConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_invalid_settings_are_all_named()
    {
        await using var app = RunningHost.Build(new Dictionary<string, string?>
        {
            ["BackCare:Care:EmergencyNumber"] = string.Empty,
            ["BackCare:Storage:RetentionDays"] = "-1",
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        var message = StartFailure.Describe(error);
        Assert.NotNull(message);
        Assert.Contains("BackCare:Care:EmergencyNumber", message, StringComparison.Ordinal);
        Assert.Contains("BackCare:Storage:RetentionDays", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_defaults_start()
    {
        // appsettings.json as shipped (storage in memory for the test); every options class at its defaults.
        await using var host = await RunningHost.StartAsync();

        Assert.Equal("911", host.Services.GetRequiredService<IOptions<CareOptions>>().Value.EmergencyNumber);
        Assert.Equal(StorageProvider.Memory, host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider);
        Assert.Equal(1800, host.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.TokenSeconds);
        Assert.Empty(host.Services.GetRequiredService<IOptions<WebOptions>>().Value.FrameAncestors);
    }

    [Fact]
    public async Task The_default_sqlite_store_starts()
    {
        var folder = Directory.CreateTempSubdirectory("backcare-settings-").FullName;
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "sqlite",
            ["BackCare:Storage:DataFolder"] = folder,
        });

        Assert.IsType<SqliteStorage>(host.Services.GetRequiredService<Microsoft.Bot.Builder.IStorage>());
    }

    [Fact]
    public async Task Valid_values_at_the_edges_start()
    {
        var content = Path.Combine(SolutionPaths.BotProject, "Triage", "triage-content.json");
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["BackCare:Care:EmergencyNumber"] = "+44 20 7946 0000",
            ["BackCare:Care:UrgentAdvice"] = "call NHS 111 or your GP surgery",
            ["BackCare:Storage:BlobContainer"] = "a-1",
            ["BackCare:Storage:RetentionDays"] = "0",
            ["BackCare:Storage:PurgeIntervalMinutes"] = "1",
            ["BackCare:DirectLine:TokenSeconds"] = "60",
            ["BackCare:DirectLine:Endpoint"] = "https://europe.directline.botframework.com/v3/directline",
            ["BackCare:DirectLine:PublicUrl"] = "https://backcare.example.org/",
            ["BackCare:Web:FrameAncestors:0"] = "https://intranet.example.org",
            ["BackCare:Reminders:PollSeconds"] = "5",
            ["BackCare:Reminders:MissedGraceMinutes"] = "720",
            ["BackCare:TriageContentPath"] = content,
            ["BackCare:LexiconFolder"] = Path.Combine(SolutionPaths.BotProject, "Content", "en"),
        });

        Assert.Equal("+44 20 7946 0000", host.Services.GetRequiredService<IOptions<CareOptions>>().Value.EmergencyNumber);
    }

    [Fact]
    public void Every_options_class_reads_its_own_section()
    {
        Assert.Equal(
            ["BackCare", "BackCare", "BackCare:Care", "BackCare:DirectLine", "BackCare:Reminders", "BackCare:Storage", "BackCare:Web"],
            BackCareSettings.Sections.Select(s => s.Section).Order(StringComparer.Ordinal));
        Assert.Equal(BackCareSettings.Sections.Count, BackCareSettings.Sections.Select(s => s.Options).Distinct().Count());
    }
}
