using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Web;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Web;

/// <summary>
/// The client IP through the real forwarded-headers configuration (<see cref="ClientIpRegistration"/>) on Kestrel:
/// the test connects from 127.0.0.1, so the peer is loopback, and the endpoint echoes
/// <c>HttpContext.Connection.RemoteIpAddress</c>, the one value every surface records and judges.
/// </summary>
public sealed class ClientIpTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.0.0.1, 192.168.0.0/16")]
    public async Task X_Forwarded_For_from_an_untrusted_peer_is_ignored_and_loopback_is_not_trusted_by_default(string? trusted)
    {
        await using var host = await EchoHost.StartAsync(trusted);

        Assert.Equal("127.0.0.1", await host.ClientIpAsync("203.0.113.9"));
        Assert.Equal("127.0.0.1", await host.ClientIpAsync(null));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.0/8")]
    [InlineData("10.0.0.0/8; 127.0.0.0/30")]
    public async Task X_Forwarded_For_from_a_trusted_peer_is_honoured(string trusted)
    {
        await using var host = await EchoHost.StartAsync(trusted);

        Assert.Equal("203.0.113.9", await host.ClientIpAsync("203.0.113.9"));
        Assert.Equal("2001:db8::7", await host.ClientIpAsync("2001:db8::7"));
        Assert.Equal("127.0.0.1", await host.ClientIpAsync(null));
    }

    [Fact]
    public async Task A_chain_of_trusted_proxies_is_walked_back_to_the_client()
    {
        await using var host = await EchoHost.StartAsync("127.0.0.1, 10.0.0.0/8");

        Assert.Equal("203.0.113.9", await host.ClientIpAsync("203.0.113.9, 10.0.0.2"));
        Assert.Equal("203.0.113.9", await host.ClientIpAsync("203.0.113.9, 10.0.0.3, 10.0.0.2"));
    }

    [Fact]
    public async Task An_untrusted_hop_in_the_chain_is_the_client_and_what_it_claims_is_ignored()
    {
        await using var host = await EchoHost.StartAsync("127.0.0.1, 10.0.0.0/8");

        // 198.51.100.7 is not a trusted proxy: it is the client; the CN-looking address it forwarded is its own claim.
        Assert.Equal("198.51.100.7", await host.ClientIpAsync("1.2.3.4, 198.51.100.7"));
        Assert.Equal("198.51.100.7", await host.ClientIpAsync("1.2.3.4, 198.51.100.7, 10.0.0.2"));
    }

    [Theory]
    [InlineData("127.0.0.1, not-an-address")]
    [InlineData("10.0.0.0/33")]
    [InlineData("127.0.0.1/8")]
    public async Task A_malformed_setting_fails_start_up_naming_the_key(string trusted)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EchoHost.StartAsync(trusted));

        Assert.StartsWith($"{ClientIpRegistration.TrustedProxiesKey}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_setting_stops_the_whole_service_from_starting()
    {
        await using var app = new OmniaKeyAppFactory(
            DatabaseKind.Sqlite,
            "http://127.0.0.1:9",
            "unused",
            new Dictionary<string, string?> { [ClientIpRegistration.TrustedProxiesKey] = "10.0.0.0/8, proxy.internal" });

        // One start-up error lists every bad setting (an InvalidConfigurationException, docs/adr/0037).
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(app.InitializeAsync);

        Assert.Contains($"{ClientIpRegistration.TrustedProxiesKey}: \"proxy.internal\"", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A minimal Kestrel host on 127.0.0.1 with the app's client-IP wiring and an echo endpoint.</summary>
    private sealed class EchoHost : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly HttpClient client;

        private EchoHost(WebApplication app, Uri address)
        {
            this.app = app;
            client = new HttpClient { BaseAddress = address };
        }

        public static async Task<EchoHost> StartAsync(string? trustedProxies)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            if (trustedProxies is not null)
            {
                builder.Configuration[ClientIpRegistration.TrustedProxiesKey] = trustedProxies;
            }

            builder.Services.AddClientIp(builder.Configuration);
            var app = builder.Build();
            app.UseClientIp();
            app.MapGet("/ip", (HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "none");
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new EchoHost(app, new Uri(address));
        }

        public async Task<string> ClientIpAsync(string? forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/ip");
            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }

            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await app.DisposeAsync();
        }
    }
}
