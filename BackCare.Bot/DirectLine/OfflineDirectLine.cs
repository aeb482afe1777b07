using System.Collections.Concurrent;
using System.Security.Cryptography;
using BackCare.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.DirectLine;

/// <summary>
/// The offline Direct Line endpoint's conversations and tokens, in memory. A token opens exactly one
/// conversation; an expired or unknown token opens none.
/// </summary>
public sealed class OfflineDirectLine(IOptions<BackCareOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, OfflineConversation> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OfflineConversation> _byToken = new(StringComparer.Ordinal);

    private DirectLineOptions Settings => options.Value.DirectLine;

    /// <summary>Starts a conversation and issues its token.</summary>
    public OfflineConversation Create()
    {
        Evict();
        var conversation = new OfflineConversation(NewId(), NewToken(), clock.GetUtcNow().AddSeconds(Settings.TokenSeconds));
        _byId[conversation.Id] = conversation;
        _byToken[conversation.Token] = conversation;
        return conversation;
    }

    /// <summary>The conversation a bearer token opens, or why not.</summary>
    /// <param name="authorization">The Authorization header.</param>
    /// <param name="conversationId">The conversation asked for, or <c>null</c> for the token's own.</param>
    /// <returns>The conversation, or the HTTP status to refuse with (401 unknown or expired token; 403 another conversation).</returns>
    public (OfflineConversation? Conversation, int Status) Authorize(string? authorization, string? conversationId = null)
    {
        const string Bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return (null, StatusCodes.Status401Unauthorized);
        }

        var token = authorization[Bearer.Length..].Trim();
        if (!_byToken.TryGetValue(token, out var conversation) || conversation.Expires <= clock.GetUtcNow())
        {
            return (null, StatusCodes.Status401Unauthorized);
        }

        if (conversationId is not null && !string.Equals(conversationId, conversation.Id, StringComparison.Ordinal))
        {
            return (null, StatusCodes.Status403Forbidden);
        }

        return (conversation, StatusCodes.Status200OK);
    }

    /// <summary>Issues a new token for the conversation and retires the old one.</summary>
    public void Refresh(OfflineConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        _byToken.TryRemove(conversation.Token, out _);
        conversation.Renew(NewToken(), clock.GetUtcNow().AddSeconds(Settings.TokenSeconds));
        _byToken[conversation.Token] = conversation;
    }

    private void Evict()
    {
        // Drop expired conversations, then the least recently used ones beyond the limit.
        var now = clock.GetUtcNow();
        var stale = _byId.Values.Where(c => c.Expires <= now).ToList();
        var excess = _byId.Count - stale.Count - Settings.MaxConversations + 1;
        if (excess > 0)
        {
            stale.AddRange(_byId.Values.Where(c => c.Expires > now).OrderBy(c => c.LastUsed).Take(excess));
        }

        foreach (var conversation in stale)
        {
            _byId.TryRemove(conversation.Id, out _);
            _byToken.TryRemove(conversation.Token, out _);
        }
    }

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
