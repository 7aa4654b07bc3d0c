using Microsoft.Extensions.Configuration;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

public sealed class ReservationSettingsTests
{
    [Fact]
    public void A_hold_lives_thirty_minutes_unless_configured()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), Read(null).TimeToLive);
        Assert.Equal(TimeSpan.FromSeconds(900), Read("900").TimeToLive);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("1.5")]
    public void A_ttl_that_is_not_a_positive_number_of_seconds_stops_the_start(string value) =>
        Assert.Throws<InvalidOperationException>(() => Read(value));

    private static ReservationSettings Read(string? seconds) =>
        ReservationSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Billing:Reservations:TimeToLiveSeconds"] = seconds })
            .Build());
}
