using System.Net;
using OmniaKey.Infrastructure.Web;
using Xunit;

namespace OmniaKey.UnitTests.Web;

/// <summary>The operator-written address lists behind <c>Compliance:TrustedProxies</c> and the override list.</summary>
public sealed class NetworkListTests
{
    private const string Setting = "Compliance:TrustedProxies";

    [Fact]
    public void IPs_and_CIDRs_separated_by_commas_semicolons_or_white_space_are_read()
    {
        var networks = NetworkList.Parse(" 10.0.0.0/8, 192.168.1.7;::1\n2001:db8::/32\t172.16.0.0/12 ", Setting);

        Assert.Equal(
            ["10.0.0.0/8", "192.168.1.7/32", "::1/128", "2001:db8::/32", "172.16.0.0/12"],
            networks.Select(n => n.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ;\n")]
    public void An_empty_setting_is_an_empty_list(string? value) => Assert.Empty(NetworkList.Parse(value, Setting));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("300.1.1.1")]
    [InlineData("proxy.internal")]
    [InlineData("10.0.0.1/8")] // host bits set: refused rather than widened to 10.0.0.0/8
    [InlineData("192.168.1.7/16")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0/")]
    public void A_bad_entry_fails_naming_the_setting_and_the_entry(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => NetworkList.Parse($"127.0.0.1, {entry}", Setting));

        Assert.StartsWith($"{Setting}: \"{entry}\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("192.168.1.7", true)]
    [InlineData("192.168.1.8", false)]
    [InlineData("11.0.0.1", false)]
    [InlineData("2001:db8:ab::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("::ffff:11.0.0.1", false)]
    public void Contains_treats_IPv4_mapped_IPv6_as_IPv4(string address, bool expected)
    {
        var networks = NetworkList.Parse("10.0.0.0/8, 192.168.1.7, 2001:db8::/32", Setting);

        Assert.Equal(expected, NetworkList.Contains(networks, IPAddress.Parse(address)));
    }
}
