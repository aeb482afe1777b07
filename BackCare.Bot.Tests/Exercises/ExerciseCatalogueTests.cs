using BackCare.Bot.Exercises;
using BackCare.Bot.Tests.Support;

namespace BackCare.Bot.Tests.Exercises;

public class ExerciseCatalogueTests
{
    private static readonly string Shipped = Path.Combine(SolutionPaths.BotProject, "Exercises", "exercises.json");

    private const string GetHelp = "Stop and get help if numbness or tingling spreads down a leg or appears between your legs.";

    private static Exercise Valid(string id = "x") => new(
        id, "Name", "stretch", "purpose", "setup", ["step"],
        new Dose(1, 1, 0, false, 1, "once"), ["Stop if it hurts.", GetHelp], null, null,
        new Offered(true, null, false, false), 10);

    [Fact]
    public void The_shipped_catalogue_is_valid_and_has_every_exercise_in_the_clinical_table()
    {
        var sut = ExerciseCatalogue.Load(Shipped);

        Assert.Equal(
            ["breathing", "cat-cow", "childs-pose", "side-bend", "bird-dog", "superman", "superman-easier", "rack-pull", "lat-pulldown", "walking"],
            sut.Exercises.Select(e => e.Id));
    }

    [Fact]
    public void Every_shipped_exercise_says_stop_if_it_hurts_and_when_to_stop_and_get_help()
    {
        var sut = ExerciseCatalogue.Load(Shipped);

        Assert.All(sut.Exercises, e =>
        {
            Assert.Contains(e.Cautions, c => c.Contains("stop", StringComparison.OrdinalIgnoreCase) && (c.Contains("hurts", StringComparison.Ordinal) || c.Contains("pain", StringComparison.Ordinal)));
            Assert.Contains(e.Cautions, c => c.Contains("get help", StringComparison.OrdinalIgnoreCase) && c.Contains("numbness or tingling spreads down a leg or appears between your legs", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Light_is_explained_and_the_first_session_learns_the_hinge_with_a_broomstick()
    {
        var sut = ExerciseCatalogue.Load(Shipped);

        Assert.All(new[] { sut["rack-pull"], sut["lat-pulldown"] }, e => Assert.Contains("a weight you could lift 15 times with ease", e.Setup, StringComparison.Ordinal));
        Assert.Contains("broomstick", sut["rack-pull"].Setup, StringComparison.Ordinal);
        Assert.Contains("broomstick and no weight", sut["rack-pull"].Dose.DoseText, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exercise_without_the_get_help_caution_is_refused()
    {
        var problems = ExerciseCatalogue.Validate([Valid("a") with { Cautions = ["Stop if it hurts."] }, Valid("b") with { Cautions = [GetHelp] }]);

        Assert.Contains(problems, p => p.Contains("'a' needs a caution (its own, or everyExercise's) that tells the person to stop and get help", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'b' needs a caution that tells the person to stop if it hurts", StringComparison.Ordinal));
    }

    private static readonly string[] MissingGates = ["no-lifted", "no-rest", "no-age", "pain-4"];

    [Fact]
    public void A_loaded_lift_missing_any_v2_gate_is_refused()
    {
        var lift = new Offered(false, 3, true, true, NeedsLiftedBefore: true, NeedsEasesWithRest: true, NotWith: [Risk.Osteoporosis, Risk.LongTermSteroids, Risk.SixtyFiveOrOver]);
        var problems = ExerciseCatalogue.Validate(
        [
            Valid("ok") with { Kind = "loaded lift", Offered = lift },
            Valid("no-lifted") with { Kind = "loaded lift", Offered = lift with { NeedsLiftedBefore = false } },
            Valid("no-rest") with { Kind = "loaded lift", Offered = lift with { NeedsEasesWithRest = false } },
            Valid("no-age") with { Kind = "loaded lift", Offered = lift with { NotWith = [Risk.Osteoporosis, Risk.LongTermSteroids] } },
            Valid("pain-4") with { Kind = "loaded lift", Offered = lift with { MaxPain = 4 } },
        ]);

        Assert.DoesNotContain(problems, p => p.Contains("'ok'", StringComparison.Ordinal));
        Assert.All(MissingGates, id => Assert.Contains(problems, p => p.Contains($"'{id}' is a loaded lift", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_shipped_doses_match_the_source()
    {
        var sut = ExerciseCatalogue.Load(Shipped);

        Assert.Equal((3, 5), (sut["rack-pull"].Dose.Sets, sut["rack-pull"].Dose.Reps));
        Assert.Equal((3, 10, true), (sut["bird-dog"].Dose.Sets, sut["bird-dog"].Dose.Reps, sut["bird-dog"].Dose.PerSide));
        Assert.InRange(sut["childs-pose"].Dose.HoldSeconds, 10, 30);
        Assert.InRange(sut["superman"].Dose.HoldSeconds, 3, 5);
        Assert.True(sut["side-bend"].Dose.PerSide);
    }

    [Fact]
    public void A_valid_exercise_has_no_problems()
    {
        Assert.Empty(ExerciseCatalogue.Validate([Valid()]));
    }

    [Fact]
    public void Broken_entries_are_each_named()
    {
        var problems = ExerciseCatalogue.Validate(
        [
            Valid("a") with { Cautions = ["Go slowly."] },
            Valid("b") with { Kind = "yoga" },
            Valid("a"),
            Valid("c") with { Steps = [] },
            Valid("d") with { Kind = "loaded lift", Offered = new Offered(false, 6, false, true) },
            Valid("e") with { Kind = "strength", Offered = new Offered(true, 6, false, false) },
            Valid("g") with { HarderVariant = "nowhere" },
            Valid("f") with { Dose = new Dose(0, 1, 0, false, 1, "d") },
        ]);

        Assert.Contains(problems, p => p.Contains("'a' needs a caution", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'b' has the kind 'yoga'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'a' is listed twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'c' needs at least one step", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'d' is a loaded lift", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'e' is offered at doctor level", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'f' needs a dose", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'g' names harderVariant 'nowhere'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cautions_every_exercise_carries_are_written_once_and_said_after_each_ones_own()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Shipped))!;
        var shared = json["everyExercise"]!["cautions"]!.AsArray().Select(c => (string)c!).ToList();
        var sut = ExerciseCatalogue.Load(Shipped);

        Assert.Contains(shared, c => c.Contains("get help", StringComparison.OrdinalIgnoreCase));
        Assert.All(sut.Exercises, e =>
        {
            var own = json["exercises"]!.AsArray().Single(x => (string?)x!["id"] == e.Id)!["cautions"]!.AsArray().Select(c => (string)c!);
            Assert.Equal([.. own, .. shared], e.Cautions);
        });
    }

    [Fact]
    public void Without_the_shared_get_help_caution_every_exercise_is_refused()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Shipped))!;
        json["everyExercise"]!["cautions"] = new System.Text.Json.Nodes.JsonArray();
        var path = Path.Combine(Path.GetTempPath(), $"no-shared-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString());
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => ExerciseCatalogue.Load(path));

            Assert.All(json["exercises"]!.AsArray(), x => Assert.Contains($"'{x!["id"]}' needs a caution (its own, or everyExercise's) that tells the person to stop and get help", error.Message, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Invalid_json_is_refused_with_the_files_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ not json");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => ExerciseCatalogue.Load(path));

            Assert.Contains(path, error.Message);
            Assert.Contains("not valid JSON", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
