using System.Globalization;
using System.Net.Http.Headers;
using BackCare.Bot.Hosting;
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

    private static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore, DateFormatHandling = DateFormatHandling.IsoDateFormat };

    /// <summary>Maps the token endpoint and, in local mode, the offline Direct Line endpoint.</summary>
    public static WebApplication MapDirectLine(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/directline/token", IssueTokenAsync);

        var offline = app.MapGroup(Prefix).AddEndpointFilter(async (context, next) =>
            IsOffline(context.HttpContext.RequestServices) ? await next(context) : Results.NotFound());
        offline.MapPost("/tokens/generate", (OfflineDirectLine store) => Conversation(store.Create(), StatusCodes.Status200OK));
        offline.MapPost("/tokens/refresh", RefreshToken);
        offline.MapPost("/conversations", StartConversation);
        offline.MapGet("/conversations/{conversationId}", ReconnectConversation);
        offline.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        offline.MapGet("/conversations/{conversationId}/activities", GetActivities);
        return app;
    }

    /// <summary>Offline Direct Line runs only in local mode: no app id (so the bot takes unauthenticated turns) and no Azure secret.</summary>
    private static bool IsOffline(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var options = services.GetRequiredService<IOptions<BackCareOptions>>().Value;
        return string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]) && string.IsNullOrWhiteSpace(options.DirectLine.Secret);
    }

    private static async Task<IResult> IssueTokenAsync(HttpContext context, IOptions<BackCareOptions> options, OfflineDirectLine offline, IHttpClientFactory httpClients, ILogger<BotHost> logger)
    {
        var userId = await ReadUserIdAsync(context);
        var settings = options.Value.DirectLine;
        if (string.IsNullOrWhiteSpace(settings.Secret))
        {
            if (!IsOffline(context.RequestServices))
            {
                return Results.Problem("Web Chat is not configured: set BackCare:DirectLine:Secret.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var conversation = offline.Create();
            var domain = $"{context.Request.Scheme}://{context.Request.Host}{Prefix}";
            return Results.Json(new { token = conversation.Token, conversationId = conversation.Id, expires_in = options.Value.DirectLine.TokenSeconds, domain, webSocket = false, userId });
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
                logger.LogWarning("Direct Line refused the token request with {Status}.", (int)response.StatusCode);
                return Results.Problem("Could not get a Web Chat token.", statusCode: StatusCodes.Status502BadGateway);
            }

            var body = JObject.Parse(await response.Content.ReadAsStringAsync(context.RequestAborted));
            return Results.Json(new { token = (string?)body["token"], conversationId = (string?)body["conversationId"], expires_in = (int?)body["expires_in"], domain = settings.Endpoint, webSocket = true, userId });
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Direct Line could not be reached: {ExceptionType}.", ex.GetType().Name);
            return Results.Problem("Could not reach Direct Line.", statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static IResult RefreshToken(HttpContext context, OfflineDirectLine store)
    {
        var (conversation, status) = store.Authorize(context.Request.Headers.Authorization);
        if (conversation is null)
        {
            return Results.StatusCode(status);
        }

        store.Refresh(conversation);
        return Conversation(conversation, StatusCodes.Status200OK);
    }

    private static IResult StartConversation(HttpContext context, OfflineDirectLine store)
    {
        var (conversation, status) = store.Authorize(context.Request.Headers.Authorization);
        if (conversation is null)
        {
            return Results.StatusCode(status);
        }

        var created = !conversation.Started;
        conversation.Started = true;
        return Conversation(conversation, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static IResult ReconnectConversation(HttpContext context, OfflineDirectLine store, string conversationId)
    {
        var (conversation, status) = store.Authorize(context.Request.Headers.Authorization, conversationId);
        return conversation is null ? Results.StatusCode(status) : Conversation(conversation, StatusCodes.Status200OK);
    }

    private static async Task<IResult> PostActivityAsync(HttpContext context, OfflineDirectLine store, AdapterWithErrorHandler adapter, IBot bot, string conversationId)
    {
        var (conversation, status) = store.Authorize(context.Request.Headers.Authorization, conversationId);
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
        var serviceUrl = $"{context.Request.Scheme}://{context.Request.Host}{Prefix}";
        activity.ChannelId = Channels.Webchat;
        activity.ServiceUrl = serviceUrl;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.Recipient = new ChannelAccount("backcare", "BackCare", RoleTypes.Bot);
        activity.From.Role = RoleTypes.User;
        activity.Timestamp = DateTimeOffset.UtcNow;
        activity.DeliveryMode = null;
        conversation.Append([activity]);
        var userActivityId = activity.Id;

        // The bot gets its own copy, asking for the replies back in the response.
        var turn = JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(activity))!;
        turn.DeliveryMode = DeliveryModes.ExpectReplies;

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
        return Results.Json(new { id = userActivityId });
    }

    private static IResult GetActivities(HttpContext context, OfflineDirectLine store, string conversationId, string? watermark)
    {
        var (conversation, status) = store.Authorize(context.Request.Headers.Authorization, conversationId);
        if (conversation is null)
        {
            return Results.StatusCode(status);
        }

        var from = int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
        var (activities, next) = conversation.Since(from);
        var body = JsonConvert.SerializeObject(new { activities, watermark = next.ToString(CultureInfo.InvariantCulture) }, Json);
        return Results.Content(body, "application/json");
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

    private static IResult Conversation(OfflineConversation conversation, int status)
    {
        var expiresIn = (int)Math.Max(0, (conversation.Expires - DateTimeOffset.UtcNow).TotalSeconds);
        return Results.Json(new { conversationId = conversation.Id, token = conversation.Token, expires_in = expiresIn }, statusCode: status);
    }

    private static async Task<string> ReadUserIdAsync(HttpContext context)
    {
        string? userId = null;
        if (context.Request.ContentLength is > 0 and < 4096)
        {
            try
            {
                using var reader = new StreamReader(context.Request.Body);
                var requested = JObject.Parse(await reader.ReadToEndAsync(context.RequestAborted))["userId"];
                userId = requested?.Type == JTokenType.String ? (string?)requested : null;
            }
            catch (JsonException)
            {
                userId = null;
            }
        }

        // Direct Line wants user ids for tokens to start with "dl_"; anything else gets a fresh one.
        return userId is { Length: > 3 and <= 64 } && userId.StartsWith("dl_", StringComparison.Ordinal) && userId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? userId
            : "dl_" + Guid.NewGuid().ToString("N");
    }
}
