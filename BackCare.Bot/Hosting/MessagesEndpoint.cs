using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Hosting;

/// <summary>
/// POST /api/messages. Checks that the body is an activity the bot can answer before handing it to the
/// adapter: bad input gets a 4xx with a short reason, never a 500 with a stack trace.
/// </summary>
public static class MessagesEndpoint
{
    /// <summary>The largest activity accepted, in bytes.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Handles one request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="adapter">The bot's adapter.</param>
    /// <param name="bot">The bot.</param>
    /// <param name="logger">A logger.</param>
    /// <returns>A task.</returns>
    public static async Task HandleAsync(HttpContext context, IBotFrameworkHttpAdapter adapter, IBot bot, ILogger<BotHost> logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(adapter);
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"An activity may be at most {MaxBodyBytes} bytes.");
            return;
        }

        request.EnableBuffering(MaxBodyBytes);
        string body;
        using (var reader = new StreamReader(request.Body, leaveOpen: true))
        {
            var buffer = new char[MaxBodyBytes + 1];
            var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
            if (read > MaxBodyBytes)
            {
                await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"An activity may be at most {MaxBodyBytes} bytes.");
                return;
            }

            body = new string(buffer, 0, read);
        }

        var problem = Check(body);
        if (problem is not null)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        request.Body.Position = 0;
        try
        {
            await adapter.ProcessAsync(request, context.Response, bot, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            logger.LogError("Could not process an activity: {ExceptionType}\n{StackTrace}", ex.GetType().FullName, ex.StackTrace);
            await RefuseAsync(context, StatusCodes.Status500InternalServerError, "The bot could not process this activity.");
        }
    }

    /// <summary>What is wrong with a request body, or <c>null</c> when it is an activity the bot can handle.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The reason, or <c>null</c>.</returns>
    public static string? Check(string body)
    {
        JObject activity;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            if (JToken.ReadFrom(reader) is not JObject parsed)
            {
                return "The body must be a JSON object (an activity).";
            }

            activity = parsed;
        }
        catch (JsonException)
        {
            return "The body is not valid JSON.";
        }

        if (string.IsNullOrWhiteSpace((string?)activity["type"]))
        {
            return "The activity has no type.";
        }

        if (string.IsNullOrWhiteSpace((string?)activity["channelId"]))
        {
            return "The activity has no channelId.";
        }

        if (activity["conversation"] is not JObject conversation || string.IsNullOrWhiteSpace((string?)conversation["id"]))
        {
            return "The activity has no conversation id.";
        }

        if (activity["from"] is not JObject from || string.IsNullOrWhiteSpace((string?)from["id"]))
        {
            return "The activity has no from.id.";
        }

        var expectReplies = string.Equals((string?)activity["deliveryMode"], "expectReplies", StringComparison.OrdinalIgnoreCase);
        var serviceUrl = (string?)activity["serviceUrl"];
        if (!expectReplies && !Uri.TryCreate(serviceUrl, UriKind.Absolute, out _))
        {
            return "The activity has no valid serviceUrl to reply to.";
        }

        return null;
    }

    private static Task RefuseAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = reason });
    }
}

/// <summary>The category for the host's own log messages.</summary>
public sealed class BotHost;
