using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Billing;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.IntegrationTests.Infrastructure.Geo;

namespace OmniaKey.IntegrationTests.Compliance;

/// <summary>
/// The refund fixture (fake OpenAI and Stripe, refunds, recorded terminations) behind a trusted reverse proxy
/// (<see cref="TestPeerStartupFilter"/>), with client IPs resolved to countries by a real MaxMind-format database
/// written in setup (GeoLite2 layout on SQLite, the flat ip-location-db layout on PostgreSQL, so both are exercised
/// end to end) — and one operator override, which wins over the database.
/// </summary>
public abstract class ComplianceFixture(DatabaseKind databaseKind) : RefundFixture(databaseKind)
{
    private readonly MaxMindDbLayout layout = databaseKind == DatabaseKind.Sqlite ? MaxMindDbLayout.GeoLite2Country : MaxMindDbLayout.Flat;
    private readonly string geoDirectory = Path.Combine(Path.GetTempPath(), $"omniakey-compliance-{Guid.NewGuid():N}");

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

    /// <summary>The database says CN for the whole /24 this address is in; the operator's override says HK.</summary>
    public const string OverriddenIp = "203.0.113.200";

    public static readonly IReadOnlyList<(string Country, string Ip)> NotRestricted =
        [("HK", HongKongIp), ("MO", MacaoIp), ("TW", TaiwanIp)];

    private string DatabasePath => Path.Combine(geoDirectory, "country.mmdb");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Compliance:TrustedProxies"] = TestPeerStartupFilter.ProxyAddress,
        ["Compliance:GeoIp:DatabasePath"] = DatabasePath,
        ["Compliance:IpCountryOverrides"] = "203.0.113.192/26=HK",
    };

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(geoDirectory);
        MaxMindDbWriter.Write(
            DatabasePath,
            layout,
            [("203.0.113.0/24", "CN"), ("198.51.100.0/26", "HK"), ("198.51.100.64/26", "MO"), ("198.51.100.128/26", "TW"), ("192.0.2.0/24", "DE")]);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(geoDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A scratch file left in the temp directory is harmless.
        }
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<IStartupFilter, TestPeerStartupFilter>();
    }
}

public sealed class SqliteComplianceFixture() : ComplianceFixture(DatabaseKind.Sqlite);

public sealed class PostgresComplianceFixture() : ComplianceFixture(DatabaseKind.Postgres);
