using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Billing;
using OmniaKey.IntegrationTests.Infrastructure;

namespace OmniaKey.IntegrationTests.Compliance;

/// <summary>
/// The refund fixture (fake OpenAI and Stripe, refunds, recorded terminations) behind a trusted reverse proxy
/// (<see cref="TestPeerStartupFilter"/>), with client IPs resolved to countries by the operator overrides.
/// </summary>
public abstract class ComplianceFixture(DatabaseKind kind) : RefundFixture(kind)
{
    /// <summary>Mainland China (the Restricted Territory).</summary>
    public const string MainlandIp = "203.0.113.10";

    public const string HongKongIp = "198.51.100.10";

    public const string MacaoIp = "198.51.100.70";

    public const string TaiwanIp = "198.51.100.140";

    public const string GermanyIp = "192.0.2.10";

    /// <summary>An address no source knows.</summary>
    public const string UnknownIp = "100.64.0.10";

    /// <summary>A peer the app does not trust to tell it the client's address.</summary>
    public const string UntrustedPeer = "10.201.0.9";

    public static readonly IReadOnlyList<(string Country, string Ip)> NotRestricted =
        [("HK", HongKongIp), ("MO", MacaoIp), ("TW", TaiwanIp)];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Compliance:TrustedProxies"] = TestPeerStartupFilter.ProxyAddress,
        ["Compliance:IpCountryOverrides"] = "203.0.113.0/24=CN,198.51.100.0/26=HK,198.51.100.64/26=MO,198.51.100.128/26=TW,192.0.2.0/24=DE",
    };

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<IStartupFilter, TestPeerStartupFilter>();
    }
}

public sealed class SqliteComplianceFixture() : ComplianceFixture(DatabaseKind.Sqlite);

public sealed class PostgresComplianceFixture() : ComplianceFixture(DatabaseKind.Postgres);
