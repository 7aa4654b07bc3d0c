using System.Net;
using MaxMind.Db;
using OmniaKey.IntegrationTests.Infrastructure.Geo;
using Xunit;

namespace OmniaKey.IntegrationTests.Compliance.Geo;

/// <summary>The test database writer is proven against MaxMind's own reader: what it writes, MaxMind.Db reads back.</summary>
public sealed class MaxMindDbWriterTests
{
    private static readonly (string Cidr, string Country)[] Networks =
    [
        ("1.0.0.0/8", "AU"),
        ("1.2.0.0/16", "CN"),
        ("1.2.3.4", "HK"),
        ("8.8.8.0/24", "US"),
        ("2001:db8::/32", "DE"),
        ("2001:db8:1::/48", "MO"),
        ("2001:db8:1::1/128", "TW"),
    ];

    [Theory]
    [InlineData(24)]
    [InlineData(28)]
    [InlineData(32)]
    public void GeoLite2_layout_reads_back_with_nested_ranges_in_both_families(int recordSize)
    {
        using var reader = Open(MaxMindDbWriter.Build(MaxMindDbLayout.GeoLite2Country, Networks, recordSize));

        Assert.Equal("AU", GeoLite2Country(reader, "1.200.0.1"));
        Assert.Equal("CN", GeoLite2Country(reader, "1.2.200.1"));
        Assert.Equal("HK", GeoLite2Country(reader, "1.2.3.4"));
        Assert.Equal("CN", GeoLite2Country(reader, "1.2.3.5"));
        Assert.Equal("US", GeoLite2Country(reader, "8.8.8.8"));
        Assert.Equal("DE", GeoLite2Country(reader, "2001:db8:ffff::1"));
        Assert.Equal("MO", GeoLite2Country(reader, "2001:db8:1::2"));
        Assert.Equal("TW", GeoLite2Country(reader, "2001:db8:1::1"));
        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("9.9.9.9")));
        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("2001:db9::1")));

        var record = reader.Find<Dictionary<string, object>>(IPAddress.Parse("1.2.3.4"))!;
        var country = (Dictionary<string, object>)record["country"];
        Assert.Equal("Country HK", ((Dictionary<string, object>)country["names"])["en"]);
        Assert.Equal(false, country["is_in_european_union"]);
    }

    [Fact]
    public void Prefix_lengths_come_back_as_written()
    {
        using var reader = Open(MaxMindDbWriter.Build(MaxMindDbLayout.Flat, Networks));

        reader.Find<Dictionary<string, object>>(IPAddress.Parse("1.2.3.4"), out var single);
        reader.Find<Dictionary<string, object>>(IPAddress.Parse("8.8.8.200"), out var slash24);
        reader.Find<Dictionary<string, object>>(IPAddress.Parse("2001:db8:1::"), out var nearTheSlash128);
        reader.Find<Dictionary<string, object>>(IPAddress.Parse("2001:db8:ffff::1"), out var outsideTheSlash48);

        // The reader counts an IPv4 lookup's prefix from the IPv4 subtree (::/96), as the CIDR was written.
        Assert.Equal(32, single);
        Assert.Equal(24, slash24);
        // A range with a narrower one inside is stored as the pieces around it, as in MaxMind's own databases:
        // 2001:db8:1:: shares 127 bits with the /128 at ::1; 2001:db8:ffff:: leaves the /48's path at bit 32.
        Assert.Equal(128, nearTheSlash128);
        Assert.Equal(33, outsideTheSlash48);
    }

    [Fact]
    public void Flat_layout_has_country_code_at_the_top_level()
    {
        using var reader = Open(MaxMindDbWriter.Build(MaxMindDbLayout.Flat, Networks));

        var record = reader.Find<Dictionary<string, object>>(IPAddress.Parse("1.2.3.4"))!;
        Assert.Equal("HK", record["country_code"]);
        Assert.Single(record);
        Assert.Equal("TW", reader.Find<Dictionary<string, object>>(IPAddress.Parse("2001:db8:1::1"))!["country_code"]);
    }

    [Fact]
    public void IPv4_mapped_IPv6_addresses_reach_the_IPv4_data_through_the_alias()
    {
        using var reader = Open(MaxMindDbWriter.Build(MaxMindDbLayout.GeoLite2Country, Networks));

        Assert.Equal("HK", GeoLite2Country(reader, "::ffff:1.2.3.4"));
        Assert.Equal("US", GeoLite2Country(reader, "::ffff:8.8.8.8"));
        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("::ffff:9.9.9.9")));
    }

    [Fact]
    public void Metadata_describes_the_tree()
    {
        var built = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var bytes = MaxMindDbWriter.Build(
            Networks.Select(n => (n.Cidr, (object)MaxMindDbWriter.CountryData(MaxMindDbLayout.Flat, n.Country))),
            new MaxMindDbOptions(RecordSize: 28, DatabaseType: "Test-Country") { BuildTime = built });
        using var reader = Open(bytes);

        // Record size and node count are internal to the reader; the read-backs above prove them.
        var metadata = reader.Metadata;
        Assert.Equal(2, metadata.BinaryFormatMajorVersion);
        Assert.Equal(0, metadata.BinaryFormatMinorVersion);
        Assert.Equal(6, metadata.IPVersion);
        Assert.Equal("Test-Country", metadata.DatabaseType);
        Assert.Equal(built.UtcDateTime, metadata.BuildDate);
        Assert.Equal(["en", "de"], metadata.Languages);
        Assert.StartsWith("OmniaKey test database", metadata.Description["en"], StringComparison.Ordinal);
    }

    [Fact]
    public void IPv4_only_database_reads_back()
    {
        var bytes = MaxMindDbWriter.Build(
            Networks.Take(4).Select(n => (n.Cidr, (object)MaxMindDbWriter.CountryData(MaxMindDbLayout.Flat, n.Country))),
            new MaxMindDbOptions(IpVersion: 4));
        using var reader = Open(bytes);

        Assert.Equal(4, reader.Metadata.IPVersion);
        Assert.Equal("HK", reader.Find<Dictionary<string, object>>(IPAddress.Parse("1.2.3.4"))!["country_code"]);
        Assert.Equal("CN", reader.Find<Dictionary<string, object>>(IPAddress.Parse("1.2.9.9"))!["country_code"]);
        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("200.1.1.1")));
    }

    [Fact]
    public void Long_strings_and_large_maps_use_the_extended_size_forms()
    {
        var longText = new string('x', 70_000);
        var manyKeys = Enumerable.Range(0, 300).ToDictionary(i => $"k{i}", i => (object)(uint)i);
        var bytes = MaxMindDbWriter.Build(
            [("10.0.0.0/8", new Dictionary<string, object> { ["long"] = longText, ["mid"] = new string('y', 300), ["many"] = manyKeys })]);
        using var reader = Open(bytes);

        var record = reader.Find<Dictionary<string, object>>(IPAddress.Parse("10.1.2.3"))!;
        Assert.Equal(longText, record["long"]);
        Assert.Equal(300, ((string)record["mid"]).Length);
        var many = (Dictionary<string, object>)record["many"];
        Assert.Equal(300, many.Count);
        Assert.Equal(299L, Convert.ToInt64(many["k299"], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Reader Open(byte[] bytes) => new(new MemoryStream(bytes));

    private static string? GeoLite2Country(Reader reader, string address)
    {
        var record = reader.Find<Dictionary<string, object>>(IPAddress.Parse(address));
        return record is null ? null : (string)((Dictionary<string, object>)record["country"])["iso_code"];
    }
}
