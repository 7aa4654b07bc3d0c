using Microsoft.Extensions.Configuration;
using OmniaKey.Modules.Billing.Application.Refunds;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

public sealed class RefundSettingsTests
{
    [Fact]
    public void Defaults_are_operator_approval_and_eight_attempts()
    {
        Assert.Equal(new RefundSettings(AutoApprove: false, MaxAttempts: 8), RefundSettings.FromConfiguration(Configuration()));
    }

    [Fact]
    public void Configured_values_are_used()
    {
        var settings = RefundSettings.FromConfiguration(Configuration(("Billing:Refunds:AutoApprove", "true"), ("Billing:Refunds:MaxAttempts", "3")));

        Assert.Equal(new RefundSettings(AutoApprove: true, MaxAttempts: 3), settings);
    }

    [Theory]
    [InlineData("Billing:Refunds:AutoApprove", "yes")]
    [InlineData("Billing:Refunds:MaxAttempts", "0")]
    [InlineData("Billing:Refunds:MaxAttempts", "-1")]
    [InlineData("Billing:Refunds:MaxAttempts", "many")]
    public void Nonsensical_settings_stop_the_service_from_starting(string key, string value) =>
        Assert.Throws<InvalidOperationException>(() => RefundSettings.FromConfiguration(Configuration((key, value))));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(7, 60)]
    [InlineData(30, 60)]
    public void Retries_back_off_exponentially_up_to_an_hour(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), RefundSettings.RetryDelay(attempts));

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
