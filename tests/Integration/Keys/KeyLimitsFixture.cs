using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Infrastructure;

namespace OmniaKey.IntegrationTests.Keys;

/// <summary>
/// The gateway on a fake clock (rate windows and expiry move only when a test says), with the client's socket
/// address taken from the test header <see cref="ClientIpHeader"/>: the in-memory test server has no socket, and a
/// real client cannot choose its address, so the header stands in for the connection itself, before the app's
/// forwarded-headers handling runs.
/// </summary>
public abstract class KeyLimitsFixture(DatabaseKind kind) : GatewayFixture(kind, fakeClock: true)
{
    public const string ClientIpHeader = "X-Test-Socket-Address";

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, SocketAddressFromHeader>();

    private sealed class SocketAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.TryParse(context.Request.Headers[ClientIpHeader], out var address) ? address : null;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class SqliteKeyLimitsFixture() : KeyLimitsFixture(DatabaseKind.Sqlite);

public sealed class PostgresKeyLimitsFixture() : KeyLimitsFixture(DatabaseKind.Postgres);
