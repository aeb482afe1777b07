using BackCare.Bot.Hosting;

var app = BackCareApp.Build(args);
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartFailure.Describe(ex) is { } problem)
{
    // Broken clinical content, a bad setting or an unsafe configuration: say what to fix, without a stack trace.
    await Console.Error.WriteLineAsync($"BackCare cannot start: {problem}");
    return 1;
}
