using System.Net;
using Microsoft.Extensions.Configuration;
using OmniaKey.Modules.Compliance.Infrastructure.Geo;
using Xunit;

namespace OmniaKey.UnitTests.Compliance;

/// <summary><c>Compliance:IpCountryOverrides</c>: the operator's CIDR=CC pairs, which win over the database.</summary>
public sealed class IpCountryOverridesTests
{
    [Fact]
    public void Pairs_in_one_string_are_read_and_codes_upper_cased()
    {
        var overrides = FromSettings(new() { [IpCountryOverrides.SettingKey] = " 203.0.113.0/24=us; 198.51.100.7 = hk,\n2001:db8::/32=Tw " });

        Assert.Equal(3, overrides.Count);
        Assert.Equal("US", overrides.Find(IPAddress.Parse("203.0.113.200")));
        Assert.Equal("HK", overrides.Find(IPAddress.Parse("198.51.100.7")));
        Assert.Null(overrides.Find(IPAddress.Parse("198.51.100.8")));
        Assert.Equal("TW", overrides.Find(IPAddress.Parse("2001:db8:5::1")));
        Assert.Null(overrides.Find(IPAddress.Parse("2001:db9::1")));
    }

    [Fact]
    public void Pairs_as_a_configuration_list_are_read()
    {
        var overrides = FromSettings(new()
        {
            [$"{IpCountryOverrides.SettingKey}:0"] = "203.0.113.0/24=CN",
            [$"{IpCountryOverrides.SettingKey}:1"] = "198.51.100.0/24=MO, 192.0.2.0/24=HK",
        });

        Assert.Equal(3, overrides.Count);
        Assert.Equal("CN", overrides.Find(IPAddress.Parse("203.0.113.1")));
        Assert.Equal("MO", overrides.Find(IPAddress.Parse("198.51.100.1")));
        Assert.Equal("HK", overrides.Find(IPAddress.Parse("192.0.2.1")));
    }

    [Fact]
    public void No_setting_means_no_overrides()
    {
        var overrides = FromSettings([]);

        Assert.Equal(0, overrides.Count);
        Assert.Null(overrides.Find(IPAddress.Parse("203.0.113.1")));
    }

    [Theory]
    [InlineData("10.0.0.0/8=CN, 10.1.0.0/16=HK, 10.1.2.0/24=TW, 10.1.2.3=MO")]
    [InlineData("10.1.2.3=MO, 10.1.2.0/24=TW, 10.1.0.0/16=HK, 10.0.0.0/8=CN")]
    [InlineData("10.1.0.0/16=HK, 10.1.2.3=MO, 10.0.0.0/8=CN, 10.1.2.0/24=TW")]
    public void The_most_specific_range_wins_whatever_the_order(string pairs)
    {
        var overrides = new IpCountryOverrides([pairs]);

        Assert.Equal("CN", overrides.Find(IPAddress.Parse("10.200.0.1")));
        Assert.Equal("HK", overrides.Find(IPAddress.Parse("10.1.200.1")));
        Assert.Equal("TW", overrides.Find(IPAddress.Parse("10.1.2.200")));
        Assert.Equal("MO", overrides.Find(IPAddress.Parse("10.1.2.3")));
    }

    [Fact]
    public void IPv4_mapped_IPv6_addresses_match_IPv4_ranges()
    {
        var overrides = new IpCountryOverrides(["10.1.2.0/24=TW"]);

        Assert.Equal("TW", overrides.Find(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.Null(overrides.Find(IPAddress.Parse("::ffff:10.1.3.3")));
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("10.0.0.0/8=")]
    [InlineData("10.0.0.0/8=CHN")]
    [InlineData("10.0.0.0/8=C1")]
    [InlineData("=US")]
    [InlineData("10.0.0.0/33=US")]
    [InlineData("office=US")]
    public void A_malformed_pair_fails_naming_the_setting_and_the_pair(string pair)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FromSettings(new() { [IpCountryOverrides.SettingKey] = $"192.0.2.0/24=HK, {pair}" }));

        Assert.StartsWith(IpCountryOverrides.SettingKey, error.Message, StringComparison.Ordinal);
        Assert.Contains(pair.Split('=')[0], error.Message, StringComparison.Ordinal);
    }

    private static IpCountryOverrides FromSettings(Dictionary<string, string?> settings) =>
        IpCountryOverrides.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
