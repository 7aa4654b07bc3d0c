using System.Net;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.AbuseLimits;

/// <summary>
/// Runs alone: Hangfire keeps process-wide state (its storage and log provider) that apps starting and stopping at the
/// same moment in one test process can trip over, and these tests start and stop apps in quick succession.
/// </summary>
[CollectionDefinition(nameof(AdminTokenStartupTests), DisableParallelization = true)]
public sealed class AdminTokenStartupRunsAlone;

/// <summary><c>Admin:BootstrapToken</c>: unset closes the admin API; set, it must have at least 32 characters.</summary>
[Collection(nameof(AdminTokenStartupTests))]
public sealed class AdminTokenStartupTests
{
    [Fact]
    public async Task A_token_shorter_than_32_characters_stops_start_up_naming_the_key()
    {
        await using var app = new OmniaKeyAppFactory(
            DatabaseKind.Sqlite, "http://127.0.0.1:9/v1", "sk-unused", new Dictionary<string, string?> { ["Admin:BootstrapToken"] = new string('x', 31) });

        var error = await Assert.ThrowsAnyAsync<Exception>(app.InitializeAsync);

        Assert.Contains("Admin:BootstrapToken must be at least 32 characters", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_service_starts_and_the_admin_api_is_closed()
    {
        await using var app = new OmniaKeyAppFactory(
            DatabaseKind.Sqlite, "http://127.0.0.1:9/v1", "sk-unused", new Dictionary<string, string?> { ["Admin:BootstrapToken"] = "" });
        await app.InitializeAsync();

        using var response = await app.CreateAdminClient().GetAsync("/admin/v1/accounts?email=a@example.com");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
