using System.Net;
using System.Text.Json;
using BackCare.Bot.DirectLine;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

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
        app.UseSecurityHeaders();
        app.UseExceptionHandler(error => error.Run(context =>
        {
            // Never a stack trace on the wire, whatever the environment.
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return context.Response.WriteAsJsonAsync(new { error = "Something went wrong on the server." });
        }));
        app.Use(LocalOnlyAsync);
        app.UseRateLimiter();
        app.UseStaticAssets();

        app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapDirectLine();
        return app;
    }

    /// <summary>In local mode (no authentication) the bot's routes answer this machine only, wherever the host listens.</summary>
    private static Task LocalOnlyAsync(HttpContext context, RequestDelegate next)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
            || !(context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/v3"))
            || !LocalMode.IsOn(context.RequestServices.GetRequiredService<IConfiguration>())
            || context.RequestServices.GetRequiredService<IOptions<LocalModeOptions>>().Value.AllowUnauthenticatedOnNetwork)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(new { error = "This host runs without authentication (local mode) and answers only this machine." });
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
