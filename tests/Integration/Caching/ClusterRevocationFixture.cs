using OmniaKey.IntegrationTests.Infrastructure;

namespace OmniaKey.IntegrationTests.Caching;

/// <summary>
/// Two instances of the service on one PostgreSQL database, both on the fixture's fake clock: their caches never
/// reload on their own (nothing ages unless a test moves the clock), so whatever one instance learns of a change made
/// through the other, it learns from the cluster invalidation signal.
/// </summary>
public sealed class ClusterRevocationFixture() : GatewayFixture(DatabaseKind.Postgres, fakeClock: true)
{
    protected override bool WithSecondInstance => true;
}
