using System.Net;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Routing;

/// <summary>
/// An upstream 401/403 is about our channel's credential (ADR 0016): another channel serves the call, and only when
/// none can does the client get the gateway's 502 — never the provider's "your key is bad".
/// </summary>
public abstract class CredentialFailoverTests<TFixture>(TFixture fixture) : FailoverTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    [Theory]
    [InlineData(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-proj-abc123***.")]
    [InlineData(403, "invalid_request_error", "unsupported_country_region_territory", "Country, region, or territory not supported")]
    public async Task A_refused_credential_fails_over_to_the_backup_and_charges_once(int status, string type, string code, string message)
    {
        Primary.EnqueueError(status, type, code, message);

        var response = await ChatAsync();

        await response.AssertSuccessAsync();
        Assert.Single(Primary.ChatRequests);
        Assert.Single(Backup.ChatRequests);
        Assert.Equal(Money.Parse("5") - CostOf(12, 5), await AvailableAsync());
    }

    [Fact]
    public async Task When_every_channel_refuses_our_credential_the_client_gets_a_gateway_502_and_pays_nothing()
    {
        Primary.EnqueueError(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-proj-abc123***.");
        Backup.EnqueueError(403, "permission_error", null, "Project proj_XyZ123456 does not have access to model gpt-4o.");

        var response = await ChatAsync();

        await response.AssertStatusAsync(HttpStatusCode.BadGateway);
        Assert.Equal("gateway", response.Headers.GetValues("x-omniakey-error-source").Single());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("upstream_unavailable", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("proj", text, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Backup.ChatRequests);
        Assert.Equal(Money.Parse("5"), await AvailableAsync());
        Assert.Equal("0", (await Customer.GetBalanceAsync()).Reserved);
        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal(Money.Zero, record.Charged);
        Assert.Equal("upstream_unavailable", record.Status);
    }
}

public sealed class SqliteCredentialFailoverTests(FailoverSqliteFixture fixture)
    : CredentialFailoverTests<FailoverSqliteFixture>(fixture), IClassFixture<FailoverSqliteFixture>;

public sealed class PostgresCredentialFailoverTests(FailoverPostgresFixture fixture)
    : CredentialFailoverTests<FailoverPostgresFixture>(fixture), IClassFixture<FailoverPostgresFixture>;
