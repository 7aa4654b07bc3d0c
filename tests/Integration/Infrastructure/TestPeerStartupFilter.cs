using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// WebApplicationFactory's TestServer has no socket, so <c>Connection.RemoteIpAddress</c> is null. This test-only
/// startup filter runs first in the pipeline and makes every request arrive from <see cref="ProxyAddress"/> (a
/// reverse proxy the compliance tests configure as trusted), or from the address in <see cref="PeerHeader"/> when a
/// test sends one (an untrusted peer). The app's forwarded-headers middleware then does the rest, as in production.
/// </summary>
public sealed class TestPeerStartupFilter : IStartupFilter
{
    public const string ProxyAddress = "10.200.0.1";

    public const string PeerHeader = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(
                context.Request.Headers.TryGetValue(PeerHeader, out var peer) ? peer.ToString() : ProxyAddress);
            return following(context);
        });
        next(app);
    };
}
