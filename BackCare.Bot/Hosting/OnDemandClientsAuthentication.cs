using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace BackCare.Bot.Hosting;

/// <summary>
/// The SDK's authentication, unchanged, except that the connector client and the user-token client it makes for
/// every turn are built only when the turn uses them. The CloudAdapter builds both before each turn, and each is a
/// Microsoft.Rest service client whose constructor compiles regexes for its user-agent header: about 170 KiB and
/// a good part of a millisecond per turn. A turn with deliveryMode expectReplies (the offline Direct Line of the
/// Web Chat page, the Emulator, the benchmark) sends nothing through the connector and never signs in, so it
/// builds neither; a turn that posts its replies to a channel builds the connector client on its first send,
/// exactly as before.
/// </summary>
/// <param name="inner">The SDK's authentication.</param>
public sealed class OnDemandClientsAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    /// <summary>Gets the authentication this one hands everything to.</summary>
    public BotFrameworkAuthentication Inner => inner;

    /// <inheritdoc/>
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
        => OnDemand(await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
        => OnDemand(await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity)
        => new OnDemandConnectorFactory(inner.CreateConnectorFactory(claimsIdentity));

    /// <inheritdoc/>
    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        => Task.FromResult<UserTokenClient>(new OnDemandUserTokenClient(ct => inner.CreateUserTokenClientAsync(claimsIdentity, ct)));

    /// <inheritdoc/>
    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    /// <inheritdoc/>
    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    /// <inheritdoc/>
    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken)
        => inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private static AuthenticateRequestResult OnDemand(AuthenticateRequestResult result)
    {
        if (result?.ConnectorFactory is { } factory and not OnDemandConnectorFactory)
        {
            result.ConnectorFactory = new OnDemandConnectorFactory(factory);
        }

        return result!;
    }
}

/// <summary>Hands out connector clients that are built on first use (see <see cref="OnDemandClientsAuthentication"/>).</summary>
/// <param name="inner">The SDK's factory.</param>
internal sealed class OnDemandConnectorFactory(ConnectorFactory inner) : ConnectorFactory
{
    public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        => Task.FromResult<IConnectorClient>(new OnDemandConnectorClient(serviceUrl, () => inner.CreateAsync(serviceUrl, audience, CancellationToken.None)));
}

/// <summary>
/// A connector client built on first use. The SDK's factory only looks up credentials before constructing the
/// client (synchronously for app passwords, certificates and managed identities), so the wait on first use is
/// that construction and nothing more.
/// </summary>
internal sealed class OnDemandConnectorClient(string serviceUrl, Func<Task<IConnectorClient>> create) : IConnectorClient
{
    private readonly Lazy<IConnectorClient> _client = new(() => create().GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);
    private Uri? _baseUri;

    public Uri BaseUri
    {
        get => _client.IsValueCreated ? _client.Value.BaseUri : _baseUri ??= new Uri(serviceUrl);
        set
        {
            if (_client.IsValueCreated)
            {
                _client.Value.BaseUri = value;
            }
            else
            {
                _baseUri = value;
            }
        }
    }

    public JsonSerializerSettings SerializationSettings => Client.SerializationSettings;

    public JsonSerializerSettings DeserializationSettings => Client.DeserializationSettings;

    public ServiceClientCredentials Credentials => Client.Credentials;

    public IAttachments Attachments => Client.Attachments;

    public IConversations Conversations => Client.Conversations;

    private IConnectorClient Client
    {
        get
        {
            var client = _client.Value;
            if (_baseUri is { } changed && client.BaseUri != changed)
            {
                client.BaseUri = changed;
            }

            return client;
        }
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}

/// <summary>A user-token client (sign-in) built on first use.</summary>
internal sealed class OnDemandUserTokenClient(Func<CancellationToken, Task<UserTokenClient>> create) : UserTokenClient
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserTokenClient? _client;

    public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken)
        => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken).ConfigureAwait(false);

    public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken)
        => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken).ConfigureAwait(false);

    public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken)
        => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).SignOutUserAsync(userId, connectionName, channelId, cancellationToken).ConfigureAwait(false);

    public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken)
        => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken).ConfigureAwait(false);

    public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken)
        => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken).ConfigureAwait(false);

    public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken)
        => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken).ConfigureAwait(false);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client?.Dispose();
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<UserTokenClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _client ??= await create(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
