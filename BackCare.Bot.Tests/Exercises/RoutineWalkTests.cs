using BackCare.Bot.Exercises;
using BackCare.Bot.Tests.Support;

namespace BackCare.Bot.Tests.Exercises;

public class RoutineWalkTests
{
    private static readonly ExerciseCatalogue Catalogue = ExerciseCatalogue.Load(Path.Combine(SolutionPaths.BotProject, "Exercises", "exercises.json"));
    private static readonly RoutineWalk Walk = new(Catalogue, Language.Text);
    private readonly RoutineWalk _sut = Walk;

    private static RoutineProgress Progress(params string[] ids) => new(new Routine(ids, 10, false));

    [Fact]
    public void An_exercise_with_sets_has_an_introduction_its_steps_and_a_page_per_further_set()
    {
        var pages = Walk.Pages(Catalogue["bird-dog"]);

        Assert.Equal(1 + 4 + 2, pages.Count);
        Assert.StartsWith("What it's for:", pages[0]);
        Assert.StartsWith("Step 1 of 4:", pages[1]);
        Assert.Contains("That's set 1 of 3.", pages[4]);
        Assert.StartsWith("Set 2 of 3:", pages[5]);
        Assert.Contains("This is the last set.", pages[6]);
    }

    [Fact]
    public void The_easier_variant_comes_with_the_set_up_and_the_harder_one_at_the_end()
    {
        var pages = Walk.Pages(Catalogue["bird-dog"]);

        Assert.Contains($"If that's too much: {Catalogue["bird-dog"].Easier}", pages[0]);
        Assert.Contains($"once this feels easy: {Catalogue["bird-dog"].Harder}", pages[^1]);
        Assert.DoesNotContain("once this feels easy", string.Join("\n", Walk.Pages(Catalogue["childs-pose"])));
    }

    [Fact]
    public void Holds_are_said_plainly()
    {
        var pages = Walk.Pages(Catalogue["childs-pose"]);

        Assert.Contains("Hold for 10 to 30 seconds", pages[^1]);
    }

    [Fact]
    public void The_heading_says_which_exercise_of_how_many()
    {
        var progress = Progress("breathing", "cat-cow", "childs-pose");
        progress.Exercise = 2;

        Assert.StartsWith("**Exercise 3 of 3: Child's pose**", _sut.Describe(progress));
    }

    [Fact]
    public void Next_goes_through_every_page_then_every_exercise_then_finishes()
    {
        var progress = Progress("breathing", "walking");
        var pages = Walk.Pages(Catalogue["breathing"]).Count + Walk.Pages(Catalogue["walking"]).Count;

        var moves = 0;
        while (_sut.Next(progress))
        {
            moves++;
        }

        Assert.Equal(pages - 1, moves);
        Assert.Equal((1, 0), (progress.Exercise, progress.Page));
    }

    [Fact]
    public void Back_returns_to_the_last_page_of_the_previous_exercise_and_stops_at_the_start()
    {
        var progress = Progress("cat-cow", "childs-pose");
        progress.Exercise = 1;

        _sut.Back(progress);
        Assert.Equal((0, Walk.Pages(Catalogue["cat-cow"]).Count - 1), (progress.Exercise, progress.Page));

        progress.Page = 0;
        _sut.Back(progress);
        Assert.Equal((0, 0), (progress.Exercise, progress.Page));
    }

    [Fact]
    public void Skip_moves_to_the_next_exercise_and_reports_the_end()
    {
        var progress = Progress("cat-cow", "childs-pose");
        progress.Page = 2;

        Assert.True(RoutineWalk.Skip(progress));
        Assert.Equal((1, 0), (progress.Exercise, progress.Page));
        Assert.False(RoutineWalk.Skip(progress));
    }
}
