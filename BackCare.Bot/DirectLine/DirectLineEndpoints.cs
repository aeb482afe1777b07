using System.Globalization;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using BackCare.Bot.Hosting;
using BackCare.Bot.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.DirectLine;

/// <summary>
/// What the Web Chat page talks to. POST /api/directline/token gives the page a token: from the Azure Direct
/// Line service when a secret is configured (the secret stays here), or else for the host's own offline
/// Direct Line 3.0 endpoint under /v3/directline (polling; no WebSocket), which hands each activity to the bot
/// in-process and keeps the replies for the page to fetch by watermark.
/// </summary>
public static class DirectLineEndpoints
{
    private const string Prefix = "/v3/directline";

    /// <summary>How long a poll that has only the person's own message waits for the bot's answer to it.</summary>
    private static readonly TimeSpan EchoWait = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore, DateFormatHandling = DateFormatHandling.IsoDateFormat };

    /// <summary>The rate-limiting policy of the token routes: so many tokens per client (IP address) per minute.</summary>
    public const string TokenRatePolicy = "directline-tokens";

    /// <summary>Adds the services of the token routes: user ids, offline conversations and the per-client rate limit.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddDirectLine(this IServiceCollection services)
    {
        services.AddDataProtection();
        // The user tickets must outlive a restart, or a returning person becomes a stranger (no offer to carry on,
        // "delete my data" missing their earlier conversations). With the SQLite store, the keys that sign them are
        // kept next to it (DataFolder/keys), as lasting as the state itself; otherwise ASP.NET Core's default place.
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, IHostEnvironment, ILoggerFactory>((keys, storage, environment, logs) =>
        {
            if (storage.Value.Provider == StorageProvider.Sqlite && !string.IsNullOrWhiteSpace(storage.Value.DataFolder))
            {
                var folder = Path.Combine(Path.GetFullPath(storage.Value.DataFolder, environment.ContentRootPath), "keys");
                keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), logs);
            }
        });
        services.AddSingleton<DirectLineUsers>();
        services.AddSingleton<OfflineDirectLine>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(TokenRatePolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.TokenRequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            limiter.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>Maps the token endpoint and, in local mode, the offline Direct Line endpoint.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application, for chaining.</returns>
    public static WebApplication MapDirectLine(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/directline/token", IssueTokenAsync).RequireRateLimiting(TokenRatePolicy);

        var offline = app.MapGroup(Prefix).AddEndpointFilter(async (context, next) =>
            IsOffline(context.HttpContext.RequestServices) ? await next(context) : Results.NotFound());
        offline.MapPost("/tokens/generate", GenerateTokenAsync).RequireRateLimiting(TokenRatePolicy);
        offline.MapPost("/tokens/refresh", RefreshTokenAsync);
        offline.MapPost("/conversations", StartConversationAsync);
        offline.MapGet("/conversations/{conversationId}", ReconnectConversationAsync);
        offline.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        offline.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        return app;
    }

    /// <summary>Offline Direct Line runs only in local mode: no app id (so the bot takes unauthenticated turns) and no Azure secret.</summary>
    private static bool IsOffline(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var options = services.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        return string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]) && string.IsNullOrWhiteSpace(options.Secret);
    }

    /// <summary>
    /// The offline Direct Line address given to the page: the configured public address, or this request's host
    /// when it is a loopback one (local mode answers only this machine). Never an unchecked Host header.
    /// </summary>
    private static string? OfflineDomain(HttpContext context, DirectLineOptions settings)
    {
        if (Uri.TryCreate(settings.PublicUrl, UriKind.Absolute, out var configured) && configured.Scheme is "http" or "https")
        {
            return configured.GetLeftPart(UriPartial.Authority) + Prefix;
        }

        var host = context.Request.Host;
        return host.HasValue && LocalMode.IsLoopbackHost(host.Host) && (host.Port is null or > 0 and <= 65535)
            ? $"{context.Request.Scheme}://{host.ToUriComponent()}{Prefix}"
            : null;
    }

    private static async Task<IResult> IssueTokenAsync(HttpContext context, IOptions<DirectLineOptions> options, OfflineDirectLine offline, DirectLineUsers users, IHttpClientFactory httpClients, ILogger<BotHost> logger)
    {
        var (userId, userTicket) = users.IdFor(await ReadUserTicketAsync(context));
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Secret))
        {
            if (!IsOffline(context.RequestServices))
            {
                return Results.Problem("Web Chat is not configured: set BackCare:DirectLine:Secret.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (OfflineDomain(context, settings) is not { } domain)
            {
                return Results.Problem("Set BackCare:DirectLine:PublicUrl to the address browsers use to reach this host.", statusCode: StatusCodes.Status400BadRequest);
            }

            var (conversation, token) = await offline.CreateAsync(userId, context.RequestAborted);
            return Results.Json(new { token, conversationId = conversation.Id, expires_in = settings.TokenSeconds, domain, webSocket = false, userId, userTicket });
        }

        // Azure: exchange the secret for a token bound to this user; only the token goes to the browser.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.Endpoint.TrimEnd('/')}/tokens/generate")
        {
            Content = new StringContent(JsonConvert.SerializeObject(new { user = new { id = userId } }), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Secret);
        try
        {
            using var response = await httpClients.CreateClient(nameof(DirectLineEndpoints)).SendAsync(request, context.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                logger.DirectLineRefused((int)response.StatusCode);
                return Results.Problem("Could not get a Web Chat token.", statusCode: StatusCodes.Status502BadGateway);
            }

            var body = JObject.Parse(await response.Content.ReadAsStringAsync(context.RequestAborted));
            return Results.Json(new { token = (string?)body["token"], conversationId = (string?)body["conversationId"], expires_in = (int?)body["expires_in"], domain = settings.Endpoint, webSocket = true, userId, userTicket });
        }
        catch (HttpRequestException ex)
        {
            logger.DirectLineUnreachable(ex.GetType().Name);
            return Results.Problem("Could not reach Direct Line.", statusCode: StatusCodes.Status502BadGateway);
        }
    }

    /// <summary>The offline tokens/generate route: a conversation for a fresh user (this route takes no ticket).</summary>
    private static async Task<IResult> GenerateTokenAsync(HttpContext context, OfflineDirectLine store, DirectLineUsers users)
    {
        var (conversation, token) = await store.CreateAsync(users.IdFor(null).UserId, context.RequestAborted);
        return Conversation(conversation, token, StatusCodes.Status200OK);
    }

    private static async Task<IResult> RefreshTokenAsync(HttpContext context, OfflineDirectLine store)
    {
        var (conversation, status) = await store.AuthorizeAsync(context.Request.Headers.Authorization, null, context.RequestAborted);
        if (conversation is null)
        {
            return Results.StatusCode(status);
        }

        var token = await store.RefreshAsync(conversation, OfflineDirectLine.TokenOf(context.Request.Headers.Authorization!));
        return Conversation(conversation, token, StatusCodes.Status200OK);
    }

    private static async Task<IResult> StartConversationAsync(HttpContext context, OfflineDirectLine store)
    {
        var (conversation, status) = await store.AuthorizeAsync(context.Request.Headers.Authorization, null, context.RequestAborted);
        if (conversation is null)
        {
            return Results.StatusCode(status);
        }

        var created = !conversation.Started;
        if (created)
        {
            conversation.Started = true;
            await store.SaveAsync(conversation);
        }

        return Conversation(conversation, OfflineDirectLine.TokenOf(context.Request.Headers.Authorization!), created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>
    /// Reconnects to a conversation (Direct Line 3.0). Besides the conversation, the answer gives its current
    /// watermark (a field Direct Line's clients ignore): the page compares it with its own to notice that its
    /// polling has stopped (Web Chat's polling gives up silently after a failed request) and reconnect.
    /// </summary>
    private static async Task<IResult> ReconnectConversationAsync(HttpContext context, OfflineDirectLine store, string conversationId)
    {
        var (conversation, status) = await store.AuthorizeAsync(context.Request.Headers.Authorization, conversationId, context.RequestAborted);
        if (conversation is null)
        {
            return Results.StatusCode(status);
        }

        var expiresIn = (int)Math.Max(0, (conversation.Expires - DateTimeOffset.UtcNow).TotalSeconds);
        var token = OfflineDirectLine.TokenOf(context.Request.Headers.Authorization!);
        return Results.Json(new { conversationId = conversation.Id, token, expires_in = expiresIn, watermark = conversation.Watermark.ToString(CultureInfo.InvariantCulture) });
    }

    private static async Task<IResult> PostActivityAsync(HttpContext context, OfflineDirectLine store, IOptions<DirectLineOptions> options, AdapterWithErrorHandler adapter, IBot bot, string conversationId)
    {
        var (conversation, status) = await store.AuthorizeAsync(context.Request.Headers.Authorization, conversationId, context.RequestAborted);
        if (conversation is null)
        {
            return Results.StatusCode(status);
        }

        if (!RequestBody.IsJson(context.Request))
        {
            return Results.Json(new { error = new { code = "BadArgument", message = "The body must be an activity sent as application/json." } }, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        // The same limit as /api/messages: every route into the bot takes the same size of message.
        var body = await RequestBody.ReadAsync(context, MessagesEndpoint.MaxBodyBytes);
        if (body is null)
        {
            return Results.Json(new { error = new { code = "MessageSizeExceeded", message = $"An activity may be at most {MessagesEndpoint.MaxBodyBytes} bytes." } }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        // The service fills in channel, conversation and serviceUrl: only the fields the client sends are checked.
        var (activity, problem) = ActivityReader.ReadFromClient(body);
        if (activity is null)
        {
            return Results.BadRequest(new { error = new { code = "BadArgument", message = problem } });
        }

        // What the Direct Line service would fill in. The user's activity is echoed back with its server id,
        // which is how Web Chat knows it was delivered (it matches channelData.clientActivityID).
        // The sender is the user the token was issued to, whatever from.id the client wrote.
        activity.ChannelId = Channels.Webchat;
        activity.ServiceUrl = OfflineDomain(context, options.Value) ?? "http://localhost" + Prefix;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.Recipient = new ChannelAccount("backcare", "BackCare", RoleTypes.Bot);
        activity.From = new ChannelAccount(conversation.UserId, role: RoleTypes.User);
        activity.Timestamp = DateTimeOffset.UtcNow;
        activity.DeliveryMode = null;
        conversation.Append([activity]);
        var userActivityId = activity.Id;

        // The bot gets its own copy, asking for the replies back in the response.
        var turn = JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(activity))!;
        turn.DeliveryMode = DeliveryModes.ExpectReplies;

        try
        {
            var replies = await RunTurnAsync(adapter, bot, turn, context.RequestAborted);
            foreach (var reply in replies)
            {
                reply.Conversation = new ConversationAccount { Id = conversation.Id };
                reply.From = new ChannelAccount("backcare", "BackCare", RoleTypes.Bot);
                reply.Recipient = activity.From;
                reply.ReplyToId = userActivityId;
                reply.ChannelId = Channels.Webchat;
                reply.Timestamp = DateTimeOffset.UtcNow;
            }

            conversation.Append(replies);
        }
        finally
        {
            // One save per message, the person's and the bot's activities together (the page already has them:
            // polls read memory). It rewrites the conversation's record and its newest chunk only.
            await store.SaveAsync(conversation);
        }

        return Results.Json(new { id = userActivityId });
    }

    /// <summary>
    /// The activities after the watermark. A poll that names a watermark (Web Chat's always do) and finds nothing
    /// new waits for the next activities, up to <see cref="DirectLineOptions.PollWaitSeconds"/>, so a reply reaches
    /// the page as soon as it is written. When only the person's own message has come (it is added before the bot
    /// answers, in the same request), the poll gives the answer up to <see cref="EchoWait"/> to follow, so both
    /// arrive together rather than the answer waiting for the next poll. The wait ends early when the client goes
    /// or the host stops.
    /// </summary>
    private static async Task<IResult> GetActivitiesAsync(HttpContext context, OfflineDirectLine store, IOptions<DirectLineOptions> options, IHostApplicationLifetime lifetime, string conversationId, string? watermark)
    {
        var (conversation, status) = await store.AuthorizeAsync(context.Request.Headers.Authorization, conversationId, context.RequestAborted);
        if (conversation is null)
        {
            return Results.StatusCode(status);
        }

        var from = int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var wait = watermark is null ? TimeSpan.Zero : TimeSpan.FromSeconds(options.Value.PollWaitSeconds);
        TimeSpan? echoSeen = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        while (true)
        {
            // Take the signal before reading, so activities added between the two are not missed.
            var appended = conversation.Appended;
            var (activities, next) = conversation.Since(from);
            if (activities.Count > 0 && !activities.TrueForAll(a => a.From?.Role == RoleTypes.User))
            {
                return Activities(activities, next);
            }

            if (activities.Count > 0)
            {
                echoSeen ??= waited.Elapsed;
            }

            var until = echoSeen is { } seen && seen + EchoWait < wait ? seen + EchoWait : wait;
            var left = until - waited.Elapsed;
            if (left <= TimeSpan.Zero || stop.IsCancellationRequested)
            {
                return Activities(activities, next);
            }

            try
            {
                await appended.WaitAsync(left, stop.Token);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                // Nothing new in time, or the client or the host is going: answer with what there is.
            }
        }

        static IResult Activities(List<Activity> activities, int next)
            => Results.Content(JsonConvert.SerializeObject(new { activities, watermark = next.ToString(CultureInfo.InvariantCulture) }, Json), "application/json");
    }

    private static async Task<List<Activity>> RunTurnAsync(AdapterWithErrorHandler adapter, IBot bot, Activity activity, CancellationToken cancellationToken)
    {
        // The turn runs in-process through the real adapter, with expectReplies so the replies come back here.
        var response = await adapter.ProcessInHostAsync(activity, bot.OnTurnAsync, cancellationToken);
        return response?.Body switch
        {
            ExpectedReplies expected => expected.Activities?.ToList() ?? [],
            JObject json => json.ToObject<ExpectedReplies>()?.Activities?.ToList() ?? [],
            _ => [],
        };
    }

    private static IResult Conversation(OfflineConversation conversation, string token, int status)
    {
        var expiresIn = (int)Math.Max(0, (conversation.Expires - DateTimeOffset.UtcNow).TotalSeconds);
        return Results.Json(new { conversationId = conversation.Id, token, expires_in = expiresIn }, statusCode: status);
    }

    /// <summary>The user ticket the page kept from an earlier token response, if the body has one.</summary>
    private static async Task<string?> ReadUserTicketAsync(HttpContext context)
    {
        if (context.Request.ContentLength is not (> 0 and < 4096) || !RequestBody.IsJson(context.Request))
        {
            return null;
        }

        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var ticket = JObject.Parse(await reader.ReadToEndAsync(context.RequestAborted))["userTicket"];
            return ticket?.Type == JTokenType.String ? (string?)ticket : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
