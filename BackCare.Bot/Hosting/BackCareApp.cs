namespace BackCare.Bot.Hosting;

/// <summary>Builds the BackCare web host: the same for Program and for tests that start the real host.</summary>
public static class BackCareApp
{
    /// <summary>Builds the host.</summary>
    /// <param name="args">Command-line arguments (they override appsettings.json and environment variables).</param>
    /// <param name="configure">Changes to make before building (tests add settings or services here).</param>
    /// <returns>The application, ready to run.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = EnvironmentChoice.Resolve(args, Environment.GetEnvironmentVariables()),
        });
        builder.Services.AddBackCareBot(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapBackCareEndpoints();
        return app;
    }
}
