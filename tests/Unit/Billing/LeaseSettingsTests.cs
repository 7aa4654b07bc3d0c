using Microsoft.Extensions.Configuration;
using OmniaKey.Modules.Billing.Infrastructure.Leases;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

public sealed class LeaseSettingsTests
{
    [Fact]
    public void Leases_lend_by_default_sixteen_to_4096_holds_at_most_a_quarter_of_the_balance()
    {
        var settings = Read([]);

        Assert.Equal(LeaseSettings.Default, settings);
        Assert.Equal((true, 16, 4096, 25, 16), (settings.Enabled, settings.InitialCalls, settings.MaxCalls, settings.MaxSharePercent, settings.MinimumCalls));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)), (settings.IdleAfter, settings.MaxAge));
    }

    [Fact]
    public void Each_setting_is_read_from_billing_leases()
    {
        var settings = Read(new()
        {
            ["Enabled"] = "false",
            ["InitialCalls"] = "2",
            ["MaxCalls"] = "64",
            ["MaxSharePercent"] = "10",
            ["IdleSeconds"] = "5",
            ["MaxAgeSeconds"] = "30",
        });

        Assert.Equal(new LeaseSettings(false, 2, 64, 10, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)), settings);
        Assert.Equal(2, settings.MinimumCalls);
    }

    [Theory]
    [InlineData("Enabled", "yes")]
    [InlineData("InitialCalls", "0")]
    [InlineData("MaxCalls", "8")] // below InitialCalls
    [InlineData("MaxSharePercent", "101")]
    [InlineData("IdleSeconds", "1.5")]
    [InlineData("MaxAgeSeconds", "-1")]
    public void A_setting_out_of_range_stops_the_start_and_names_itself(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(new() { [name] = value }));
        Assert.StartsWith($"Billing:Leases:{name} '{value}'", error.Message, StringComparison.Ordinal);
    }

    private static LeaseSettings Read(Dictionary<string, string?> values) =>
        LeaseSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.ToDictionary(v => "Billing:Leases:" + v.Key, v => v.Value))
            .Build());
}
