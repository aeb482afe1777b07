using System.Text.Json.Nodes;
using BackCare.Bot.Cards;
using BackCare.Bot.Exercises;
using BackCare.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Cards;

/// <summary>The exercises' pictures: each catalogue exercise has them, the host serves them, and step cards show them.</summary>
public class PictureTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static string CataloguePath => Path.Combine(SolutionPaths.BotProject, "Exercises", "exercises.json");

    private static string PicturesPath => Path.Combine(SolutionPaths.BotProject, "Exercises", "illustrations.json");

    private static PhysicalFileProvider WebRoot => new(Path.Combine(SolutionPaths.BotProject, "wwwroot"));

    private static async Task AssertServedPngAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("max-age=", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(PngSignature, bytes.Take(8));
    }

    [Fact]
    public async Task Every_page_of_every_catalogue_exercise_has_a_picture_the_host_serves_as_a_cacheable_png()
    {
        await using var host = await RunningHost.StartAsync();
        var catalogue = host.Services.GetRequiredService<ExerciseCatalogue>();
        var pictures = host.Services.GetRequiredService<Illustrations>();
        var walk = new RoutineWalk(catalogue, Language.Text);

        var files = new HashSet<string>(pictures.Files);
        foreach (var exercise in catalogue.Exercises)
        {
            for (var page = 0; page < walk.Pages(exercise).Count; page++)
            {
                var picture = pictures.ForPage(exercise, page);
                Assert.False(string.IsNullOrWhiteSpace(picture.Alt), $"{exercise.Id} page {page}");
                files.Add(picture.File);
            }
        }

        Assert.True(files.Count >= catalogue.Exercises.Count);
        foreach (var file in files)
        {
            await AssertServedPngAsync(host.Client, "/" + file);
        }
    }

    [Fact]
    public async Task Every_step_card_of_a_whole_routine_over_http_shows_one_served_picture_with_alt_text()
    {
        await using var host = await RunningHost.StartAsync();
        var person = new HttpConversation(host, Guid.NewGuid().ToString("N"));
        await person.RunTriageToSelfCareAsync();
        await person.SayAsync("yes");
        var reply = await person.SayAsync("yes, let's start");
        for (var turn = 0; turn < 80 && !reply.Contains("How is your back now", StringComparison.Ordinal); turn++)
        {
            reply = await person.SayAsync("done");
        }

        Assert.Contains("How is your back now", reply);
        var pages = person.Replies.Select(SentCards.Adaptive).OfType<JObject>().Where(c => SentCards.Text(c).Contains("Exercise ", StringComparison.Ordinal)).ToList();
        Assert.True(pages.Count > 10, $"only {pages.Count} step cards");
        var urls = new HashSet<string>();
        foreach (var page in pages)
        {
            var image = Assert.Single(page.SelectTokens("$..[?(@.type == 'Image')]"));
            Assert.False(string.IsNullOrWhiteSpace((string?)image["altText"]));
            var url = (string)image["url"]!;
            Assert.StartsWith(host.BaseAddress.GetLeftPart(UriPartial.Authority) + "/img/exercises/", url);
            urls.Add(url);
        }

        foreach (var url in urls)
        {
            await AssertServedPngAsync(host.Client, url);
        }
    }

    [Fact]
    public async Task Teams_gets_pictures_only_from_an_https_public_address()
    {
        async Task<JObject> StepCardAsync(string publicBase)
        {
            var sut = new BotConversation(channelId: Microsoft.Bot.Connector.Channels.Msteams, settings: new Dictionary<string, string?> { ["BackCare:Web:PublicBaseUrl"] = publicBase });
            await new TriageDriver(sut).RunAsync(new() { [BackCare.Bot.Triage.QuestionId.Severity] = "4" });
            await sut.SayAsync("yes");
            return SentCards.Adaptive((await sut.SayAsync("yes, let's start"))[^1])!;
        }

        var https = await StepCardAsync("https://backcare.contoso.com/bot");
        var http = await StepCardAsync("http://backcare.contoso.com");

        Assert.StartsWith("https://backcare.contoso.com/bot/img/exercises/", (string?)https.SelectTokens("$..[?(@.type == 'Image')]").Single()["url"]);
        Assert.Empty(http.SelectTokens("$..[?(@.type == 'Image')]"));
    }

    [Fact]
    public void The_shipped_pictures_pass_the_content_check()
    {
        var sut = Illustrations.Load(PicturesPath, ExerciseCatalogue.Load(CataloguePath), WebRoot);

        Assert.All(sut.Files, f => Assert.EndsWith(".png", f));
    }

    public static TheoryData<string, Action<JsonNode>, string> BrokenPictures => new()
    {
        { "an exercise without pictures", p => p["exercises"]!.AsObject().Remove("superman"), "exercise 'superman' has no pictures" },
        { "a step without its picture", p => p["exercises"]!["cat-cow"]!["steps"]!.AsArray().RemoveAt(2), "exercise 'cat-cow' has 3 steps but 2 step pictures" },
        { "an svg", p => p["exercises"]!["bird-dog"]!["setup"]!["file"] = "img/exercises/bird-dog-0.svg", "bird-dog.setup must be a PNG" },
        { "a missing file", p => p["exercises"]!["walking"]!["steps"]![0]!["file"] = "img/exercises/walking-9.png", "'img/exercises/walking-9.png' is not in wwwroot" },
        { "no alt text", p => p["exercises"]!["childs-pose"]!["steps"]![1]!["alt"] = " ", "childs-pose.steps[1] has no alt text" },
        { "a variant the catalogue names", p => p["exercises"]!["superman"]!["easier"] = null, "superman.easier is missing" },
    };

    [Theory]
    [MemberData(nameof(BrokenPictures))]
    public void A_catalogue_exercise_without_its_pictures_is_refused_with_what_to_fix(string what, Action<JsonNode> breakIt, string message)
    {
        ArgumentNullException.ThrowIfNull(breakIt);
        var pictures = JsonNode.Parse(File.ReadAllText(PicturesPath))!;
        breakIt(pictures);
        var path = Path.Combine(Path.GetTempPath(), $"illustrations-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, pictures.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => Illustrations.Load(path, ExerciseCatalogue.Load(CataloguePath), WebRoot));

        Assert.Contains(message, error.Message);
        Assert.NotNull(what);
    }

    [Fact]
    public async Task A_catalogue_whose_folder_lacks_the_pictures_file_stops_the_host()
    {
        var folder = Directory.CreateTempSubdirectory("backcare-catalogue-").FullName;
        File.Copy(CataloguePath, Path.Combine(folder, "exercises.json"));
        await using var app = RunningHost.Build(new Dictionary<string, string?> { ["BackCare:ExerciseCataloguePath"] = Path.Combine(folder, "exercises.json") });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => app.StartAsync());

        Assert.Contains("every exercise needs its pictures", error.Message);
    }
}
