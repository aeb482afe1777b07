using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using BackCare.Bot.Hosting;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace BackCare.Bot.DirectLine;

/// <summary>
/// The offline Direct Line endpoint's conversations and tokens, in memory, as Azure's service keeps them: a token
/// opens exactly one conversation and carries its user id (a signed JWT whose <c>user</c> claim Web Chat reads);
/// a refreshed token stays valid for a short grace period; an expired or unknown token opens nothing. At most
/// <see cref="DirectLineOptions.MaxConversations"/> conversations are kept: expired ones go first, then the least
/// recently used.
/// </summary>
public sealed class OfflineDirectLine(IOptions<DirectLineOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, OfflineConversation> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _byToken = new(StringComparer.Ordinal);
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly Lock _evicting = new();
    private long _uses;

    private DirectLineOptions Settings => options.Value;

    /// <summary>Gets how many conversations are kept.</summary>
    public int Count => _byId.Count;

    /// <summary>Starts a conversation for a user and issues its first token.</summary>
    /// <param name="userId">The user id, issued by the server (see <see cref="DirectLineUsers"/>).</param>
    /// <returns>The conversation and its token.</returns>
    public (OfflineConversation Conversation, string Token) Create(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var conversation = new OfflineConversation(NewId(), userId, Settings.MaxActivitiesPerConversation, Settings.MaxTranscriptBytes);
        lock (_evicting)
        {
            Evict(room: 1);
            Touch(conversation);
            _byId[conversation.Id] = conversation;
        }

        return (conversation, Issue(conversation));
    }

    /// <summary>Whether a conversation is still kept.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <returns><c>true</c> when kept.</returns>
    public bool Contains(string conversationId) => _byId.ContainsKey(conversationId);

    /// <summary>Adds the bot's messages to a kept conversation's transcript, as the bot's proactive messages arrive at Azure's service.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="activities">The bot's activities; each gets its server id.</param>
    /// <returns><c>false</c> when the conversation is no longer kept (nothing was added).</returns>
    public bool Deliver(string conversationId, IEnumerable<Microsoft.Bot.Schema.Activity> activities)
    {
        if (!_byId.TryGetValue(conversationId, out var conversation))
        {
            return false;
        }

        conversation.Append(activities);
        return true;
    }

    /// <summary>The conversation a bearer token opens, or why not. A use counts for least-recently-used eviction.</summary>
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
        if (!HasValidSignature(token)
            || !_byToken.TryGetValue(token, out var issued)
            || issued.ValidUntil <= clock.GetUtcNow()
            || !_byId.ContainsKey(issued.Conversation.Id))
        {
            return (null, StatusCodes.Status401Unauthorized);
        }

        if (conversationId is not null && !string.Equals(conversationId, issued.Conversation.Id, StringComparison.Ordinal))
        {
            return (null, StatusCodes.Status403Forbidden);
        }

        Touch(issued.Conversation);
        return (issued.Conversation, StatusCodes.Status200OK);
    }

    /// <summary>Issues a new token for the conversation; the old one stays valid for the grace period only.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="oldToken">The token that asked for the refresh.</param>
    /// <returns>The new token.</returns>
    public string Refresh(OfflineConversation conversation, string oldToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var graceEnds = clock.GetUtcNow().AddSeconds(Math.Max(0, Settings.RefreshGraceSeconds));
        if (_byToken.TryGetValue(oldToken, out var old) && old.ValidUntil > graceEnds)
        {
            _byToken[oldToken] = old with { ValidUntil = graceEnds };
        }

        return Issue(conversation);
    }

    /// <summary>
    /// Empties the transcripts of every conversation of a user ("delete my data"), keeping only the activity being
    /// answered, so the page sees its message delivered and then the bot's answer.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="keepActivityId">The server id of the activity being answered, or <c>null</c>.</param>
    /// <returns>How many conversations were emptied.</returns>
    public int ForgetUser(string userId, string? keepActivityId)
    {
        var emptied = 0;
        foreach (var conversation in _byId.Values.Where(c => string.Equals(c.UserId, userId, StringComparison.Ordinal)))
        {
            conversation.Clear(keepActivityId);
            emptied++;
        }

        return emptied;
    }

    /// <summary>The raw token of a bearer header, for a refresh.</summary>
    /// <param name="authorization">The Authorization header.</param>
    /// <returns>The token.</returns>
    public static string TokenOf(string authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return authorization["Bearer ".Length..].Trim();
    }

    private string Issue(OfflineConversation conversation)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddSeconds(Settings.TokenSeconds);
        var token = Sign(new
        {
            user = conversation.UserId,
            conv = conversation.Id,
            iat = now.ToUnixTimeSeconds(),
            exp = expires.ToUnixTimeSeconds(),
            jti = NewId(),
        });
        conversation.Expires = expires;
        _byToken[token] = new IssuedToken(conversation, expires);
        return token;
    }

    private void Touch(OfflineConversation conversation) => conversation.LastUsed = Interlocked.Increment(ref _uses);

    private void Evict(int room)
    {
        // Expired tokens first, then expired conversations, then the least recently used beyond the limit.
        var now = clock.GetUtcNow();
        foreach (var (token, issued) in _byToken)
        {
            if (issued.ValidUntil <= now || !_byId.ContainsKey(issued.Conversation.Id))
            {
                _byToken.TryRemove(token, out _);
            }
        }

        var stale = _byId.Values.Where(c => c.Expires <= now).ToList();
        var excess = _byId.Count - stale.Count - Math.Max(1, Settings.MaxConversations) + room;
        if (excess > 0)
        {
            stale.AddRange(_byId.Values.Where(c => c.Expires > now).OrderBy(c => c.LastUsed).Take(excess));
        }

        foreach (var conversation in stale)
        {
            _byId.TryRemove(conversation.Id, out _);
        }
    }

    private string Sign(object payload)
    {
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var body = Base64Url(Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(payload)));
        var signature = Base64Url(HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes($"{header}.{body}")));
        return $"{header}.{body}.{signature}";
    }

    private bool HasValidSignature(string token)
    {
        var lastDot = token.LastIndexOf('.');
        if (lastDot <= 0 || token.Length > 2048)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Base64Url(HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(token[..lastDot]))));
        var given = Encoding.ASCII.GetBytes(token[(lastDot + 1)..]);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private sealed record IssuedToken(OfflineConversation Conversation, DateTimeOffset ValidUntil);
}
