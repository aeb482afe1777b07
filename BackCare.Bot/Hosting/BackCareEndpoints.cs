using System.Text.Json;
using BackCare.Bot.DirectLine;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace BackCare.Bot.Hosting;

/// <summary>Maps BackCare's HTTP endpoints.</summary>
public static class BackCareEndpoints
{
    /// <summary>Maps /api/messages, /healthz and the static web chat page.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application, for chaining.</returns>
    public static WebApplication MapBackCareEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(error => error.Run(context =>
        {
            // Never a stack trace on the wire, whatever the environment.
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return context.Response.WriteAsJsonAsync(new { error = "Something went wrong on the server." });
        }));
        app.UseDefaultFiles();
        app.UseStaticFiles();

        app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapDirectLine();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
