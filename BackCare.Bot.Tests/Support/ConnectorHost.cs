using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Support;

/// <summary>
/// A small channel connector on 127.0.0.1, as the Bot Framework Emulator runs one: the bot posts its replies to
/// /v3/conversations/{id}/activities[/{replyToId}] at this serviceUrl, and the test reads them here.
/// </summary>
public sealed class ConnectorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<JObject> _received = Channel.CreateUnbounded<JObject>();

    private ConnectorHost(WebApplication app)
    {
        _app = app;
    }

    private int _refused;

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Gets or sets the status to refuse every reply with (503, say), or <c>null</c> to accept them.</summary>
    public int? FailWith { get; set; }

    /// <summary>Gets how many replies were refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Takes every activity received so far, without waiting.</summary>
    public List<JObject> Drain()
    {
        var all = new List<JObject>();
        while (_received.Reader.TryRead(out var activity))
        {
            all.Add(activity);
        }

        return all;
    }

    public static async Task<ConnectorHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var host = new ConnectorHost(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", async (HttpContext context, string conversationId) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var activity = JObject.Parse(await reader.ReadToEndAsync());
            if (host.FailWith is int status)
            {
                // A channel having a bad moment: the reply is refused and not delivered.
                Interlocked.Increment(ref host._refused);
                return Results.Json(new { error = new { code = "ServiceUnavailable", message = "try later" } }, statusCode: status);
            }

            activity["_conversationInPath"] = conversationId;
            await host._received.Writer.WriteAsync(activity);
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        await app.StartAsync();
        host.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return host;
    }

    /// <summary>Waits for the next activity the bot sent, whatever its type.</summary>
    public async Task<JObject> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        return await _received.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>Waits for the next activity the bot sent, skipping typing indicators.</summary>
    public async Task<JObject> NextMessageAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var activity = await _received.Reader.ReadAsync(cancel.Token);
            if ((string?)activity["type"] != "typing")
            {
                return activity;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
