using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BackCare.Bot.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.DirectLine;

/// <summary>
/// The offline Direct Line endpoint's conversations and tokens, as Azure's service keeps them: a token opens
/// exactly one conversation and carries its user id (a signed JWT whose <c>user</c> claim Web Chat reads); a
/// refreshed token stays valid for a short grace period; an expired or unknown token opens nothing.
/// Conversations and their bounded transcripts are kept in the bot's store (<see cref="IStorage"/>), so a page
/// reconnects to the same conversation after a host restart; the tokens' signing key is kept there too, itself
/// protected with ASP.NET Core Data Protection (whose keys, with SQLite, are in DataFolder/keys). Memory holds the
/// conversations in use: at most <see cref="DirectLineOptions.MaxConversations"/>, beyond which the least recently
/// used conversation leaves memory (it stays in the store and is read again when next used; one a request still
/// holds comes back as it is); a conversation whose tokens have all expired ends (from memory and store).
/// Conversations nobody comes back to are removed by the state purge like any state (retention).
/// One host instance only: polls wait on signals in this process.
/// </summary>
public sealed class OfflineDirectLine(IOptions<DirectLineOptions> options, TimeProvider clock, IStorage storage, IDataProtectionProvider protection, ILogger<OfflineDirectLine> logger) : IDisposable
{
    /// <summary>The store key of the tokens' signing key.</summary>
    public const string SigningKeyKey = "directline/signing-key";

    private static readonly TimeSpan SigningKeyRewrite = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, OfflineConversation> _byId = new(StringComparer.Ordinal);

    /// <summary>
    /// Conversations that left memory beyond the cap, while anything may still hold them: a message's request keeps
    /// its conversation for the whole of the bot's turn, a poll waits on it. One still held comes back into memory
    /// as it is rather than as a second copy read from the store, which would miss what the holder adds next and
    /// be written over by its save (or write over it). One nobody holds any more is collected, and read again.
    /// </summary>
    private readonly ConcurrentDictionary<string, WeakReference<OfflineConversation>> _left = new(StringComparer.Ordinal);

    /// <summary>How many conversations may have left memory before the collected ones are swept out of <see cref="_left"/> (under the eviction lock).</summary>
    private int _sweepLeftAt;
    private readonly IDataProtector _keyProtector = protection.CreateProtector("BackCare.DirectLine.TokenSigningKey.v1");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _evicting = new();
    private byte[]? _signingKey;
    private DateTimeOffset _signingKeyWritten;
    private long _uses;

    private DirectLineOptions Settings => options.Value;

    /// <summary>Gets how many conversations are in memory.</summary>
    public int Count => _byId.Count;

    /// <summary>Starts a conversation for a user, keeps it in the store and issues its first token.</summary>
    /// <param name="userId">The user id, issued by the server (see <see cref="DirectLineUsers"/>).</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The conversation and its token.</returns>
    public async Task<(OfflineConversation Conversation, string Token)> CreateAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await SigningKeyAsync(cancellationToken);
        var conversation = new OfflineConversation(NewId(), userId, Settings.MaxActivitiesPerConversation, Settings.MaxTranscriptBytes);
        var token = Issue(conversation);
        await AddAsync(conversation);
        await SaveAsync(conversation);
        return (conversation, token);
    }

    /// <summary>Whether a conversation is in memory.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <returns><c>true</c> when kept.</returns>
    public bool Contains(string conversationId) => _byId.ContainsKey(conversationId);

    /// <summary>
    /// Whether a conversation is one of this host's offline Direct Line conversations, still open: in memory, or
    /// else in the store (after a restart, or once it left memory), then loaded into memory.
    /// </summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns><c>true</c> when it is kept (in memory now).</returns>
    public async Task<bool> OpenAsync(string conversationId, CancellationToken cancellationToken)
        => !string.IsNullOrEmpty(conversationId) && await FindAsync(conversationId, cancellationToken) is not null;

    /// <summary>
    /// Adds the bot's messages to a conversation (from memory, or else loaded from the store), as the bot's
    /// proactive messages arrive at Azure's service, and saves them to the store (without waiting: the caller is a
    /// send in a proactive turn; a failed save is logged and tried again with the next change).
    /// </summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="activities">The bot's activities; each gets its server id.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns><c>false</c> when the conversation is gone or ended (nothing was added).</returns>
    public async Task<bool> DeliverAsync(string conversationId, IEnumerable<Microsoft.Bot.Schema.Activity> activities, CancellationToken cancellationToken)
    {
        if (await FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return false;
        }

        conversation.Append(activities);
        _ = SaveAsync(conversation);
        return true;
    }

    /// <summary>
    /// The conversation a bearer token opens (from memory, or else from the store), or why not. A use counts for
    /// least-recently-used eviction.
    /// </summary>
    /// <param name="authorization">The Authorization header.</param>
    /// <param name="conversationId">The conversation asked for, or <c>null</c> for the token's own.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The conversation, or the HTTP status to refuse with (401 unknown or expired token; 403 another conversation).</returns>
    public async Task<(OfflineConversation? Conversation, int Status)> AuthorizeAsync(string? authorization, string? conversationId, CancellationToken cancellationToken)
    {
        const string Bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return (null, StatusCodes.Status401Unauthorized);
        }

        var key = await SigningKeyAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (Read(key, authorization[Bearer.Length..].Trim()) is not { } claims || claims.Expires <= now)
        {
            return (null, StatusCodes.Status401Unauthorized);
        }

        if (conversationId is not null && !string.Equals(conversationId, claims.ConversationId, StringComparison.Ordinal))
        {
            return (null, StatusCodes.Status403Forbidden);
        }

        var conversation = await FindAsync(claims.ConversationId, cancellationToken);
        if (conversation is null
            || !string.Equals(conversation.UserId, claims.UserId, StringComparison.Ordinal)
            || conversation.Expires <= now
            || !(claims.Serial == conversation.TokenSerial || (conversation.Superseded.TryGetValue(claims.Serial, out var until) && until > now)))
        {
            return (null, StatusCodes.Status401Unauthorized);
        }

        Touch(conversation);
        return (conversation, StatusCodes.Status200OK);
    }

    /// <summary>Issues a new token for the conversation; the old one stays valid for the grace period only.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="oldToken">The token that asked for the refresh.</param>
    /// <returns>The new token.</returns>
    public async Task<string> RefreshAsync(OfflineConversation conversation, string oldToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var key = await SigningKeyAsync(CancellationToken.None);
        var now = clock.GetUtcNow();
        var graceEnds = now.AddSeconds(Math.Max(0, Settings.RefreshGraceSeconds));
        string token;
        lock (conversation)
        {
            // The newest token so far, and the one that asked (if older), are superseded by the one issued here:
            // honoured for the grace period only (never beyond their own expiry).
            var current = conversation.TokenSerial;
            conversation.Superseded[current] = conversation.Expires < graceEnds ? conversation.Expires : graceEnds;
            if (Read(key, oldToken) is { } old && old.Serial != current
                && (!conversation.Superseded.TryGetValue(old.Serial, out var already) || already > graceEnds))
            {
                conversation.Superseded[old.Serial] = old.Expires < graceEnds ? old.Expires : graceEnds;
            }

            foreach (var (serial, until) in conversation.Superseded)
            {
                if (until <= now)
                {
                    conversation.Superseded.TryRemove(serial, out _);
                }
            }

            token = Issue(conversation);
        }

        await SaveAsync(conversation);
        return token;
    }

    /// <summary>
    /// Saves what changed in a conversation since its last save: its record, its newest chunk, and the deletion of
    /// chunks no longer kept. Saves of one conversation go one at a time, each taking the newest changes. A failed
    /// save is logged (its kind only) and its changes are kept for the next one: the page carries on.
    /// </summary>
    /// <param name="conversation">The conversation.</param>
    /// <returns>A task.</returns>
    public async Task SaveAsync(OfflineConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var gate = conversation.SaveGate;
        await gate.WaitAsync();
        try
        {
            if (conversation.Ended || (!_byId.ContainsKey(conversation.Id) && conversation.Expires <= clock.GetUtcNow()))
            {
                // Ended (its tokens expired, its keys deleted): not written back, even by a refresh issued meanwhile.
                return;
            }

            var (writes, deletes) = conversation.TakeChanges();
            try
            {
                await storage.WriteAsync(writes);
                if (deletes.Length > 0)
                {
                    await storage.DeleteAsync(deletes);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                conversation.SaveFailed(deletes);
                logger.DirectLineSaveFailed(ex.GetType().Name);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Empties the transcripts of every conversation of a user ("delete my data"), in memory and in the store,
    /// keeping only the activity being answered, so the page sees its message delivered and then the bot's answer.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="conversationIds">The user's conversations the bot knows of (besides those in memory, or held by a request).</param>
    /// <param name="keepActivityId">The server id of the activity being answered, or <c>null</c>.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>How many conversations were emptied.</returns>
    public async Task<int> ForgetUserAsync(string userId, IEnumerable<string> conversationIds, string? keepActivityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        var ids = new HashSet<string>(conversationIds, StringComparer.Ordinal);
        ids.UnionWith(_byId.Values.Where(c => string.Equals(c.UserId, userId, StringComparison.Ordinal)).Select(c => c.Id));

        // And those that left memory while a request still holds them (its save would write them back).
        foreach (var (id, left) in _left)
        {
            if (left.TryGetTarget(out var held) && string.Equals(held.UserId, userId, StringComparison.Ordinal))
            {
                ids.Add(id);
            }
        }

        var emptied = 0;
        foreach (var id in ids)
        {
            if (await FindAsync(id, cancellationToken) is { } conversation)
            {
                if (string.Equals(conversation.UserId, userId, StringComparison.Ordinal))
                {
                    conversation.Clear(keepActivityId);
                    await SaveAsync(conversation);
                    emptied++;
                }

                continue;
            }

            // Ended (its tokens expired) but still stored: it goes entirely.
            var key = OfflineConversation.KeyOf(id);
            if ((await storage.ReadAsync([key], cancellationToken)).TryGetValue(key, out var value)
                && value is StoredConversation stored
                && string.Equals(stored.UserId, userId, StringComparison.Ordinal))
            {
                await storage.DeleteAsync([key, .. OfflineConversation.ChunkKeysOf(stored)], cancellationToken);
                emptied++;
            }
        }

        return emptied;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _loading.Dispose();
    }

    /// <summary>The raw token of a bearer header, for a refresh.</summary>
    /// <param name="authorization">The Authorization header.</param>
    /// <returns>The token.</returns>
    public static string TokenOf(string authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return authorization["Bearer ".Length..].Trim();
    }

    /// <summary>A conversation from memory, or else from the store (then kept in memory); <c>null</c> when it is gone or ended.</summary>
    private async Task<OfflineConversation?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (_byId.TryGetValue(conversationId, out var kept))
        {
            return kept;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_byId.TryGetValue(conversationId, out kept))
            {
                return kept;
            }

            if (_left.TryRemove(conversationId, out var left) && left.TryGetTarget(out var held) && !held.Ended && held.Expires > clock.GetUtcNow())
            {
                await AddAsync(held);
                return held;
            }

            var key = OfflineConversation.KeyOf(conversationId);
            if (!(await storage.ReadAsync([key], cancellationToken)).TryGetValue(key, out var value)
                || value is not StoredConversation stored
                || !string.Equals(stored.Id, conversationId, StringComparison.Ordinal)
                || stored.Expires <= clock.GetUtcNow())
            {
                return null;
            }

            var chunks = await storage.ReadAsync(OfflineConversation.ChunkKeysOf(stored), cancellationToken);
            var conversation = OfflineConversation.Restore(stored, chunks, Settings.MaxActivitiesPerConversation, Settings.MaxTranscriptBytes);
            await AddAsync(conversation);
            return conversation;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// Puts a conversation in memory, first ending those whose tokens have all expired (in memory and in the store)
    /// and letting the least recently used beyond the cap leave memory only: they stay in the store, and
    /// <see cref="FindAsync"/> loads them again when next used (so a burst of new conversations from one address
    /// cannot end anyone else's).
    /// </summary>
    private async Task AddAsync(OfflineConversation conversation)
    {
        List<OfflineConversation> ended;
        List<OfflineConversation> dropped;
        lock (_evicting)
        {
            (ended, dropped) = Evict(room: 1);
            Touch(conversation);
            _byId[conversation.Id] = conversation;
        }

        foreach (var left in dropped)
        {
            // Anything not saved yet (a failed save's changes) is saved before it goes.
            await SaveAsync(left);
        }

        if (ended.Count == 0)
        {
            return;
        }

        foreach (var gone in ended)
        {
            // Through its saves' gate: a save under way finishes first, and any later one finds it ended.
            await gone.SaveGate.WaitAsync();
            try
            {
                await storage.DeleteAsync(gone.AllKeys());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left for the retention purge; nobody can open them any more.
                logger.DirectLineSaveFailed(ex.GetType().Name);
            }
            finally
            {
                gone.SaveGate.Release();
            }
        }
    }

    private string Issue(OfflineConversation conversation)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddSeconds(Settings.TokenSeconds);
        var serial = ++conversation.TokenSerial;
        var token = Sign(_signingKey!, new
        {
            user = conversation.UserId,
            conv = conversation.Id,
            iat = now.ToUnixTimeSeconds(),
            exp = expires.ToUnixTimeSeconds(),
            n = serial,
            jti = NewId(),
        });
        conversation.Expires = expires;
        return token;
    }

    private void Touch(OfflineConversation conversation) => conversation.LastUsed = Interlocked.Increment(ref _uses);

    private (List<OfflineConversation> Ended, List<OfflineConversation> Dropped) Evict(int room)
    {
        // Conversations whose tokens have all expired end; then the least recently used beyond the limit leave memory.
        var now = clock.GetUtcNow();
        var ended = _byId.Values.Where(c => c.Expires <= now).ToList();
        var excess = _byId.Count - ended.Count - Math.Max(1, Settings.MaxConversations) + room;
        var dropped = excess > 0 ? _byId.Values.Where(c => c.Expires > now).OrderBy(c => c.LastUsed).Take(excess).ToList() : [];
        foreach (var conversation in ended)
        {
            conversation.Ended = true;
            _byId.TryRemove(conversation.Id, out _);
            _left.TryRemove(conversation.Id, out _);
        }

        foreach (var conversation in dropped)
        {
            // Remembered before it leaves: FindAsync, which does not take this lock, looks in memory and then here,
            // so it must never find it in neither (it would read a second copy from the store).
            _left[conversation.Id] = new WeakReference<OfflineConversation>(conversation);
            _byId.TryRemove(conversation.Id, out _);
        }

        // Forget the ones collected since (nobody held them). A conversation that lived a while is collected only
        // by a full collection, so a sweep may find most still there: the next sweep waits until there are twice
        // as many (at least as many as memory holds), so each eviction pays for a sweep a bounded share.
        if (_left.Count > _sweepLeftAt)
        {
            foreach (var (id, left) in _left)
            {
                if (!left.TryGetTarget(out _))
                {
                    _left.TryRemove(KeyValuePair.Create(id, left));
                }
            }

            _sweepLeftAt = Math.Max(Math.Max(1, Settings.MaxConversations), 2 * _left.Count);
        }

        return (ended, dropped);
    }

    /// <summary>
    /// The key that signs tokens: read from the store (protected by Data Protection) once, or made and stored.
    /// Written again now and then, so the retention purge never takes it from a host that runs for months.
    /// </summary>
    private async Task<byte[]> SigningKeyAsync(CancellationToken cancellationToken)
    {
        if (_signingKey is { } known && clock.GetUtcNow() - _signingKeyWritten < SigningKeyRewrite)
        {
            return known;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_signingKey is null)
            {
                var stored = await storage.ReadAsync([SigningKeyKey], cancellationToken);
                if (stored.TryGetValue(SigningKeyKey, out var value) && value is StoredSigningKey { Protected.Length: > 0 } saved)
                {
                    try
                    {
                        _signingKey = _keyProtector.Unprotect(Convert.FromBase64String(saved.Protected));
                    }
                    catch (Exception ex) when (ex is CryptographicException or FormatException)
                    {
                        // Data Protection's keys are gone: earlier tokens cannot be honoured; a new key from now on.
                        logger.DirectLineSigningKeyReplaced(ex.GetType().Name);
                    }
                }

                _signingKey ??= RandomNumberGenerator.GetBytes(32);
            }

            if (clock.GetUtcNow() - _signingKeyWritten >= SigningKeyRewrite)
            {
                await storage.WriteAsync(new Dictionary<string, object> { [SigningKeyKey] = new StoredSigningKey { Protected = Convert.ToBase64String(_keyProtector.Protect(_signingKey)) } }, cancellationToken);
                _signingKeyWritten = clock.GetUtcNow();
            }

            return _signingKey;
        }
        finally
        {
            _loading.Release();
        }
    }

    private static string Sign(byte[] key, object payload)
    {
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var body = Base64Url(Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(payload)));
        var signature = Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{header}.{body}")));
        return $"{header}.{body}.{signature}";
    }

    /// <summary>The claims of a token this host signed, or <c>null</c> for anything else.</summary>
    private static TokenClaims? Read(byte[] key, string token)
    {
        var lastDot = token.LastIndexOf('.');
        if (lastDot <= 0 || token.Length > 2048)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(token[..lastDot]))));
        var given = Encoding.ASCII.GetBytes(token[(lastDot + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return null;
        }

        try
        {
            var body = token[..lastDot].Split('.')[1].Replace('-', '+').Replace('_', '/');
            body = body.PadRight(body.Length + ((4 - (body.Length % 4)) % 4), '=');
            var claims = JObject.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(body)));
            return claims["user"]?.Type == JTokenType.String && claims["conv"]?.Type == JTokenType.String
                && claims["exp"]?.Type == JTokenType.Integer && claims["n"]?.Type == JTokenType.Integer
                ? new TokenClaims((string)claims["user"]!, (string)claims["conv"]!, DateTimeOffset.FromUnixTimeSeconds((long)claims["exp"]!), (int)claims["n"]!)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or IndexOutOfRangeException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private sealed record TokenClaims(string UserId, string ConversationId, DateTimeOffset Expires, int Serial);
}

/// <summary>The offline Direct Line tokens' signing key, as kept in the store: protected by ASP.NET Core Data Protection.</summary>
public sealed class StoredSigningKey
{
    /// <summary>Gets or sets the protected key, Base64.</summary>
    public string Protected { get; set; } = string.Empty;
}
