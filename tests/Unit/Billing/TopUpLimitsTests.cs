using Microsoft.Extensions.Configuration;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Application.Payments;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

public sealed class TopUpLimitsTests
{
    [Fact]
    public void Defaults_are_5_to_10000_USD()
    {
        var limits = TopUpLimits.FromConfiguration(Configuration());

        Assert.Equal(new TopUpLimits(Money.Parse("5"), Money.Parse("10000")), limits);
    }

    [Fact]
    public void Configured_limits_are_used()
    {
        var limits = TopUpLimits.FromConfiguration(Configuration(("Billing:TopUp:MinimumUsd", "1.50"), ("Billing:TopUp:MaximumUsd", "250")));

        Assert.Equal(new TopUpLimits(Money.Parse("1.5"), Money.Parse("250")), limits);
    }

    [Theory]
    [InlineData("0", "100")]
    [InlineData("10", "5")]
    [InlineData("1.001", "100")]
    [InlineData("five", "100")]
    public void Nonsensical_limits_stop_the_service_from_starting(string minimum, string maximum)
    {
        Assert.Throws<InvalidOperationException>(() =>
            TopUpLimits.FromConfiguration(Configuration(("Billing:TopUp:MinimumUsd", minimum), ("Billing:TopUp:MaximumUsd", maximum))));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
