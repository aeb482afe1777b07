using System.Security.Claims;
using BackCare.Bot.Hosting;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Hosting;

/// <summary>
/// The connector client and the user-token client the SDK makes for every turn are built only when the turn uses
/// them; everything else is the SDK's authentication, unchanged.
/// </summary>
public class OnDemandClientsTests
{
    [Fact]
    public async Task A_connector_client_is_built_on_first_use_only_and_once()
    {
        var (sut, factory, client) = Setup();

        using (var unused = await sut.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("https://smba.example/emea/", "aud", CancellationToken.None))
        {
            Assert.Equal(new Uri("https://smba.example/emea/"), unused.BaseUri);
        }

        factory.Verify(f => f.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        client.Verify(c => c.Dispose(), Times.Never);

        var used = await sut.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("https://smba.example/emea/", "aud", CancellationToken.None);
        var conversations = used.Conversations;
        _ = used.Conversations;
        used.Dispose();

        Assert.Same(client.Object.Conversations, conversations);
        factory.Verify(f => f.CreateAsync("https://smba.example/emea/", "aud", It.IsAny<CancellationToken>()), Times.Once);
        client.Verify(c => c.Dispose(), Times.Once);
    }

    [Fact]
    public async Task A_user_token_client_is_built_on_first_call_only()
    {
        var (sut, _, _) = Setup();
        var inner = Mock.Get(((OnDemandClientsAuthentication)sut).Inner);
        var tokens = new Mock<UserTokenClient>();
        tokens.Setup(t => t.GetUserTokenAsync("u", "c", "msteams", null!, It.IsAny<CancellationToken>())).ReturnsAsync(new TokenResponse(token: "t"));
        inner.Setup(a => a.CreateUserTokenClientAsync(It.IsAny<ClaimsIdentity>(), It.IsAny<CancellationToken>())).ReturnsAsync(tokens.Object);

        using (await sut.CreateUserTokenClientAsync(new ClaimsIdentity(), CancellationToken.None))
        {
        }

        inner.Verify(a => a.CreateUserTokenClientAsync(It.IsAny<ClaimsIdentity>(), It.IsAny<CancellationToken>()), Times.Never);

        using var used = await sut.CreateUserTokenClientAsync(new ClaimsIdentity(), CancellationToken.None);
        var first = await used.GetUserTokenAsync("u", "c", "msteams", null!, CancellationToken.None);
        var second = await used.GetUserTokenAsync("u", "c", "msteams", null!, CancellationToken.None);

        Assert.Equal(("t", "t"), (first.Token, second.Token));
        inner.Verify(a => a.CreateUserTokenClientAsync(It.IsAny<ClaimsIdentity>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task An_authenticated_request_keeps_what_the_sdk_decided_and_gets_an_on_demand_factory()
    {
        var (sut, factory, _) = Setup();
        var identity = new ClaimsIdentity();
        var inner = Mock.Get(((OnDemandClientsAuthentication)sut).Inner);
        inner.Setup(a => a.AuthenticateRequestAsync(It.IsAny<Activity>(), "Bearer x", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AuthenticateRequestResult { Audience = "aud", CallerId = "caller", ClaimsIdentity = identity, ConnectorFactory = factory.Object });

        var result = await sut.AuthenticateRequestAsync(new Activity(), "Bearer x", CancellationToken.None);
        using var client = await result.ConnectorFactory.CreateAsync("https://smba.example/", "aud", CancellationToken.None);

        Assert.Equal(("aud", "caller"), (result.Audience, result.CallerId));
        Assert.Same(identity, result.ClaimsIdentity);
        Assert.NotSame(factory.Object, result.ConnectorFactory);
        factory.Verify(f => f.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task The_host_uses_it_and_still_answers_with_replies()
    {
        await using var host = await RunningHost.StartAsync();

        var replies = await host.ExpectRepliesAsync(Activities.Message("hi", Guid.NewGuid().ToString("N")));

        Assert.IsType<OnDemandClientsAuthentication>(host.Services.GetRequiredService<BotFrameworkAuthentication>());
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal(JTokenType.String, r["text"]?.Type ?? JTokenType.String));
    }

    private static (BotFrameworkAuthentication Sut, Mock<ConnectorFactory> Factory, Mock<IConnectorClient> Client) Setup()
    {
        var client = new Mock<IConnectorClient>();
        client.SetupGet(c => c.Conversations).Returns(Mock.Of<IConversations>());
        var factory = new Mock<ConnectorFactory>();
        factory.Setup(f => f.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(client.Object);
        var inner = new Mock<BotFrameworkAuthentication>();
        inner.Setup(a => a.CreateConnectorFactory(It.IsAny<ClaimsIdentity>())).Returns(factory.Object);
        return (new OnDemandClientsAuthentication(inner.Object), factory, client);
    }
}
