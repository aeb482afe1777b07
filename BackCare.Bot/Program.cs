using BackCare.Bot.Hosting;

var app = BackCareApp.Build(args);
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is InvalidDataException or StartupRefusedException)
{
    // Broken clinical content or an unsafe configuration: say what to fix, without a stack trace.
    await Console.Error.WriteLineAsync($"BackCare cannot start: {ex.Message}");
    return 1;
}
