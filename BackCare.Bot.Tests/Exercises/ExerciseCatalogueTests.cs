using BackCare.Bot.Exercises;
using BackCare.Bot.Tests.Support;

namespace BackCare.Bot.Tests.Exercises;

public class ExerciseCatalogueTests
{
    private static readonly string Shipped = Path.Combine(SolutionPaths.BotProject, "Exercises", "exercises.json");

    private static Exercise Valid(string id = "x") => new(
        id, "Name", "stretch", "purpose", "setup", ["step"],
        new Dose(1, 1, 0, false, 1, "once"), ["Stop if it hurts."], null, null,
        new Offered(true, null, false, false), 10);

    [Fact]
    public void The_shipped_catalogue_is_valid_and_has_every_exercise_in_the_clinical_table()
    {
        var sut = ExerciseCatalogue.Load(Shipped);

        Assert.Equal(
            ["breathing", "cat-cow", "childs-pose", "side-bend", "bird-dog", "superman", "rack-pull", "lat-pulldown", "walking"],
            sut.Exercises.Select(e => e.Id));
        Assert.All(sut.Exercises, e => Assert.Contains(e.Cautions, c => c.Contains("stop", StringComparison.OrdinalIgnoreCase)));
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
            Valid("f") with { Dose = new Dose(0, 1, 0, false, 1, "d") },
        ]);

        Assert.Contains(problems, p => p.Contains("'a' needs a caution", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'b' has the kind 'yoga'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'a' is listed twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'c' needs at least one step", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'d' is a loaded lift", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'e' is offered at doctor level", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'f' needs a dose", StringComparison.Ordinal));
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
