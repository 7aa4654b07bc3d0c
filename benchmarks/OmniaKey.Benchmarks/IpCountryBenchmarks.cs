using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using OmniaKey.IntegrationTests.Infrastructure.Geo;
using OmniaKey.Modules.Compliance.Infrastructure.Geo;

namespace OmniaKey.Benchmarks;

/// <summary>
/// IP → country as the compliance checks call it (<see cref="IpCountryResolver"/>: overrides, then the MaxMind-format
/// database): a database hit (IPv4, IPv6, IPv4-mapped), an override hit and a miss. The database is written by the
/// tests' MaxMind DB writer (linked into this project): 60,000 IPv4 /24s and 20,000 IPv6 /48s over 240 countries,
/// so a lookup walks a tree about as deep as GeoLite2-Country's. Set <c>OMNIAKEY_BENCH_MMDB</c> to a real country
/// database (GeoLite2-Country or ip-location-db) to measure that instead.
/// Run: <c>dotnet run -c Release --project benchmarks/OmniaKey.Benchmarks -- --filter '*IpCountryBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class IpCountryBenchmarks
{
    private static readonly IPAddress DatabaseHitV4 = IPAddress.Parse("1.2.3.4");
    private static readonly IPAddress DatabaseHitV6 = IPAddress.Parse("2001:db8:1::1");
    private static readonly IPAddress DatabaseHitMapped = IPAddress.Parse("::ffff:1.2.3.4");
    private static readonly IPAddress OverrideHit = IPAddress.Parse("198.51.100.7");
    private static readonly IPAddress Miss = IPAddress.Parse("10.1.2.3");

    private string? directory;
    private IIpCountryDatabase? database; // a MaxMindIpCountryDatabase, disposed in GlobalCleanup
    private IpCountryResolver? resolver;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("OMNIAKEY_BENCH_MMDB");
        if (string.IsNullOrEmpty(path))
        {
            directory = Path.Combine(Path.GetTempPath(), $"omniakey-bench-geo-{Guid.NewGuid():N}");
            Directory.CreateDirectory(directory);
            path = Path.Combine(directory, "country.mmdb");
            MaxMindDbWriter.Write(path, MaxMindDbLayout.GeoLite2Country, SyntheticNetworks());
        }

        database = new MaxMindIpCountryDatabase(path, NullLogger<MaxMindIpCountryDatabase>.Instance, TimeProvider.System);
        resolver = new IpCountryResolver(new IpCountryOverrides(["198.51.100.0/24=HK, 203.0.113.0/24=TW, 192.0.2.0/24=MO"]), database);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (database as IDisposable)?.Dispose();
        if (directory is not null)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public object? DatabaseHitIPv4() => resolver!.Resolve(DatabaseHitV4);

    [Benchmark]
    public object? DatabaseHitIPv6() => resolver!.Resolve(DatabaseHitV6);

    [Benchmark]
    public object? DatabaseHitIPv4MappedIPv6() => resolver!.Resolve(DatabaseHitMapped);

    [Benchmark]
    public object? OverrideHitIPv4() => resolver!.Resolve(OverrideHit);

    [Benchmark]
    public object? MissIPv4() => resolver!.Resolve(Miss);

    private static IEnumerable<(string Cidr, string Country)> SyntheticNetworks()
    {
        var random = new Random(11);
        string Country() => $"{(char)('A' + random.Next(12))}{(char)('A' + random.Next(20))}";
        yield return ("1.2.3.0/24", "CN");
        yield return ("2001:db8:1::/48", "CN");
        for (var i = 0; i < 60_000; i++)
        {
            var a = random.Next(11, 224);
            yield return ($"{a}.{random.Next(256)}.{random.Next(256)}.0/24", Country());
        }

        for (var i = 0; i < 20_000; i++)
        {
            yield return ($"2{random.Next(0x400, 0xFFF):x3}:{random.Next(0x10000):x}:{random.Next(0x10000):x}::/48", Country());
        }
    }
}
