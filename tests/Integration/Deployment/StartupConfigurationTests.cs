using Microsoft.Extensions.Configuration;
using OmniaKey.Infrastructure.Hardening;
using OmniaKey.IntegrationTests.AbuseLimits;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Deployment;

/// <summary>
/// A start-up with several bad settings fails once, naming every one of them, and never echoes a secret. Runs in the
/// start-up collection (apps started and stopped in quick succession, see <see cref="AdminTokenStartupTests"/>).
/// </summary>
[Collection(nameof(AdminTokenStartupTests))]
public sealed class StartupConfigurationTests
{
    private const string ShortToken = "short-admin-secret-7f3a";
    private const string SmtpPassword = "smtp-password-9c1e";

    [Fact]
    public async Task Several_bad_settings_stop_start_up_with_all_of_them_named_and_no_secret_shown()
    {
        await using var app = new OmniaKeyAppFactory(DatabaseKind.Sqlite, "http://127.0.0.1:9/v1", "sk-unused", new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Oracle",
            ["Admin:BootstrapToken"] = ShortToken,
            ["Compliance:TrustedProxies"] = "10.0.0.1, 10.0.0.300",
            ["RateLimits:LogIn:PermitsPerMinute"] = "-5",
            ["Email:Smtp:Port"] = "70000",
            ["Email:Smtp:Password"] = SmtpPassword,
            ["Jobs:Server:Enabled"] = "sometimes",
            ["Upstreams:Anthropic:BaseUrl"] = "not a url",
        });

        var thrown = await Assert.ThrowsAnyAsync<Exception>(app.InitializeAsync);

        var error = FindInvalidConfiguration(thrown);
        var message = error.Message;
        Assert.Equal(8, error.Problems.Count);
        foreach (var key in new[]
                 {
                     "Database:Provider", "Admin:BootstrapToken", "Compliance:TrustedProxies", "RateLimits:LogIn:PermitsPerMinute",
                     "Email:Smtp:Port", "Email:Smtp:Password", "Jobs:Server:Enabled", "Upstreams:Anthropic:BaseUrl",
                 })
        {
            Assert.Contains(key, message, StringComparison.Ordinal);
        }

        Assert.Contains("10.0.0.300", message, StringComparison.Ordinal);
        Assert.DoesNotContain(ShortToken, thrown.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SmtpPassword, thrown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Shutdown_and_telemetry_settings_are_checked_by_their_own_rules_in_the_same_list()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Shutdown:DrainSeconds"] = "5000",
            ["Shutdown:ReadinessDelaySeconds"] = "soon",
            ["Telemetry:Traces:SampleRatio"] = "2",
        }).Build();

        var problems = StartupConfiguration.Problems(configuration);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Shutdown:DrainSeconds", StringComparison.Ordinal) && p.Contains("3600", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Shutdown:ReadinessDelaySeconds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Telemetry:Traces:SampleRatio", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_configuration_has_no_problems()
    {
        var empty = new ConfigurationBuilder().Build();

        Assert.Empty(StartupConfiguration.Problems(empty));
    }

    private static InvalidConfigurationException FindInvalidConfiguration(Exception thrown)
    {
        var e = thrown;
        while (e is not null)
        {
            if (e is InvalidConfigurationException found)
            {
                return found;
            }

            e = e.InnerException;
        }

        throw new Xunit.Sdk.XunitException($"No {nameof(InvalidConfigurationException)} in: {thrown}");
    }
}
