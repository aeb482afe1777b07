namespace BackCare.Bot.Tests.Support;

/// <summary>Where the solution's folders are, found from the test assembly's location.</summary>
public static class SolutionPaths
{
    public static string Root { get; } = FindRoot();

    public static string BotProject => Path.Combine(Root, "BackCare.Bot");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackCare.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("BackCare.sln was not found above the test assembly.");
    }
}
