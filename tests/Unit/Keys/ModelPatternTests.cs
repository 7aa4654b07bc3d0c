using OmniaKey.Modules.Keys.Contracts;
using Xunit;

namespace OmniaKey.UnitTests.Keys;

public sealed class ModelPatternTests
{
    [Theory]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("claude-*", "claude-sonnet-4-5")]
    [InlineData("claude-*", "claude-")]
    [InlineData("*", "anything")]
    [InlineData("*-mini", "gpt-4o-mini")]
    [InlineData("gpt-?o", "gpt-4o")]
    [InlineData("gemini-*-flash*", "gemini-2.5-flash-lite")]
    [InlineData("a*b*c", "aXbYbZc")]
    [InlineData("**", "")]
    public void A_pattern_matches(string pattern, string name) => Assert.True(ModelPattern.Matches(pattern, name));

    [Theory]
    [InlineData("gpt-4o", "gpt-4o-mini")]
    [InlineData("gpt-4o", "GPT-4o")]
    [InlineData("claude-*", "claud-x")]
    [InlineData("*-mini", "gpt-4o-mini-2")]
    [InlineData("gpt-?o", "gpt-4.1o")]
    [InlineData("a*b*c", "aXbYbZ")]
    [InlineData("?", "")]
    public void A_pattern_does_not_match(string pattern, string name) => Assert.False(ModelPattern.Matches(pattern, name));

    [Fact]
    public void Many_stars_against_a_long_name_finish_quickly()
    {
        var name = new string('a', 10_000);
        Assert.False(ModelPattern.Matches("*a*a*a*a*a*a*a*a*b", name));
    }

    [Fact]
    public void A_key_allows_a_model_by_its_id_or_any_alias()
    {
        var limits = KeyLimits.None with { AllowedModels = ["claude-sonnet-4-5-2025*"] };
        Assert.True(limits.AllowsModel("claude-sonnet-4-5", ["claude-sonnet-4-5-20250929"]));
        Assert.False(limits.AllowsModel("claude-opus-4-5", ["claude-opus-4-5-20251101"]));
        Assert.True(KeyLimits.None.AllowsModel("anything", []));
    }

    [Fact]
    public void A_key_allows_clients_in_its_networks_only_and_no_address_only_without_a_list()
    {
        var limits = KeyLimits.None with { AllowedIps = [System.Net.IPNetwork.Parse("10.0.0.0/8"), System.Net.IPNetwork.Parse("2001:db8::1/128")] };
        Assert.True(limits.AllowsClient(System.Net.IPAddress.Parse("10.1.2.3")));
        Assert.True(limits.AllowsClient(System.Net.IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.True(limits.AllowsClient(System.Net.IPAddress.Parse("2001:db8::1")));
        Assert.False(limits.AllowsClient(System.Net.IPAddress.Parse("11.0.0.1")));
        Assert.False(limits.AllowsClient(null));
        Assert.True(KeyLimits.None.AllowsClient(null));
    }
}
