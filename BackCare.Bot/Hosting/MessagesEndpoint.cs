using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace BackCare.Bot.Hosting;

/// <summary>
/// POST /api/messages. Checks that the body is an activity the bot can answer, authenticates it, and only then
/// hands it to the adapter: bad input gets a 4xx that names the field, a rejected token a 401 with one short
/// (rate-limited) log line, never a 500 with a stack trace.
/// </summary>
public static class MessagesEndpoint
{
    /// <summary>The largest activity accepted, in bytes, on every route into the bot.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>How the replies are written (nulls left out); one serializer, never changed, so shared.</summary>
    private static readonly JsonSerializer ResponseJson = JsonSerializer.Create(new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });


    /// <summary>Handles one request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="adapter">The bot's adapter.</param>
    /// <param name="bot">The bot.</param>
    /// <param name="authentication">The Bot Framework authentication.</param>
    /// <param name="configuration">The configuration.</param>
    /// <param name="rejections">Where rejected tokens are logged.</param>
    /// <param name="logger">A logger.</param>
    /// <returns>A task.</returns>
    public static async Task HandleAsync(
        HttpContext context,
        AdapterWithErrorHandler adapter,
        IBot bot,
        BotFrameworkAuthentication authentication,
        IConfiguration configuration,
        RejectedTokenLog rejections,
        ILogger<BotHost> logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(rejections);
        if (!RequestBody.IsJson(context.Request))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "The body must be an activity sent as application/json (header 'Content-Type').");
            return;
        }

        var body = await RequestBody.ReadAsync(context, MaxBodyBytes);
        if (body is null)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"An activity may be at most {MaxBodyBytes} bytes.");
            return;
        }

        var (activity, problem) = ActivityReader.Read(body);
        if (activity is null)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, problem!);
            return;
        }

        var expectReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
        if (LocalMode.IsOn(configuration) && !expectReplies && !LocalMode.IsLoopbackUrl(activity.ServiceUrl))
        {
            // Without an app id nobody is authenticated: never post replies anywhere but this machine
            // (with expectReplies nothing is posted: the replies come back in the response).
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "In local mode (no MicrosoftAppId) the field 'serviceUrl' must be a loopback address (localhost, 127.0.0.1 or [::1]).");
            return;
        }

        AuthenticateRequestResult authenticated;
        try
        {
            authenticated = await authentication.AuthenticateRequestAsync(activity, context.Request.Headers.Authorization.ToString(), context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            rejections.Rejected("/api/messages", ex.GetType().Name);
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "The request's token was not accepted.");
            return;
        }

        InvokeResponse? response;
        try
        {
            response = await adapter.ProcessAuthenticatedAsync(authenticated, activity, bot.OnTurnAsync, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            logger.ActivityFailed(ex.GetType().FullName, ex.StackTrace);
            await RefuseAsync(context, StatusCodes.Status500InternalServerError, "The bot could not process this activity.");
            return;
        }

        if (response is null)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        context.Response.StatusCode = response.Status;
        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            JsonText.WriteUtf8(ResponseJson, response.Body, context.Response.BodyWriter);
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        }
    }

    private static Task RefuseAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = reason });
    }
}

/// <summary>The category for the host's own log messages.</summary>
public sealed class BotHost;
