using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Infrastructure;

namespace OmniaKey.IntegrationTests.Caching;

/// <summary>
/// Two instances of the service on one PostgreSQL database, both on the fixture's fake clock: their caches never
/// reload on their own (nothing ages unless a test moves the clock), so whatever one instance learns of a change made
/// through the other, it learns from the cluster invalidation signal.
/// </summary>
public sealed class ClusterRevocationFixture() : GatewayFixture(DatabaseKind.Postgres, fakeClock: true)
{
    private OmniaKeyAppFactory? second;

    public OmniaKeyAppFactory Second => second ?? throw new InvalidOperationException("The fixture is not initialised.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        second = new OmniaKeyAppFactory(
            DatabaseKind.Postgres,
            Upstream.BaseUrl,
            Upstream.ApiKey,
            testServices: services => services.AddSingleton<TimeProvider>(Clock),
            shareDatabaseOf: App);
        await second.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
