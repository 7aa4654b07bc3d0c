using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Compliance.Application.Decisions;
using Xunit;
using Xunit.Abstractions;

namespace OmniaKey.IntegrationTests.Compliance;

/// <summary>
/// The <c>/v1</c> country check adds no database round trip: every command the database sees during warmed-up calls
/// is counted (Npgsql's ActivitySource on PostgreSQL). An allowed call issues billing's own commands and nothing
/// else — none touches the compliance schema; a refused call issues no billing command at all, and the only thing
/// written for it is its audit row, by the background writer.
/// </summary>
public sealed class PostgresApiGateCommandCountTests(PostgresComplianceFixture fixture, ITestOutputHelper output)
    : ComplianceTestBase<PostgresComplianceFixture>(fixture), IClassFixture<PostgresComplianceFixture>
{
    private static readonly object Chat = new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "Hi" } } };

    [Fact]
    public async Task Warmed_up_calls_touch_no_compliance_table_and_refused_calls_touch_no_billing_table()
    {
        await Admin.CreditAsync(AccountId, "10");
        var api = Fixture.App.CreateBearerClient(await Customer.CreateApiKeyAsync("laptop"));

        // Warm-up: caches filled, and today's allow for the account and country recorded.
        await CallAsync(api, ComplianceFixture.HongKongIp, HttpStatusCode.OK);
        await CallAsync(api, ComplianceFixture.MainlandIp, HttpStatusCode.Forbidden);
        await SettledAndAuditedAsync();

        using var recorder = new PostgresCommandRecorder(new NpgsqlConnectionStringBuilder(Fixture.App.ConnectionString).Database!);
        for (var i = 0; i < 5; i++)
        {
            await CallAsync(api, ComplianceFixture.HongKongIp, HttpStatusCode.OK);
        }

        await SettledAndAuditedAsync();
        var allowed = recorder.Commands;
        recorder.Clear();
        foreach (var command in allowed)
        {
            output.WriteLine($"allowed call: {command}");
        }

        for (var i = 0; i < 3; i++)
        {
            await CallAsync(api, ComplianceFixture.MainlandIp, HttpStatusCode.Forbidden);
        }

        await SettledAndAuditedAsync();
        var refused = recorder.Commands;
        foreach (var command in refused)
        {
            output.WriteLine($"refused call: {command}");
        }

        Assert.NotEmpty(allowed);
        Assert.DoesNotContain(allowed, c => c.Contains("compliance", StringComparison.OrdinalIgnoreCase));
        Assert.All(allowed.Where(c => !IsBackgroundPoll(c)), c => Assert.Contains("billing.", c, StringComparison.Ordinal));
        Assert.DoesNotContain(refused, c => c.Contains("billing.", StringComparison.Ordinal));

        // The background writer's batches (however the three denials fell into them) and EF's savepoints around them.
        Assert.Contains(refused, c => c.StartsWith("INSERT INTO compliance.access_decisions", StringComparison.Ordinal));
        Assert.All(
            refused.Where(c => !IsBackgroundPoll(c)),
            c => Assert.True(c.StartsWith("INSERT INTO compliance.access_decisions", StringComparison.Ordinal) || c.Contains("SAVEPOINT", StringComparison.Ordinal), c));
        Assert.Equal(4, (await DecisionsAsync($"account_id={AccountId}&outcome=deny")).Count);
    }

    /// <summary>What runs on its own schedule whatever the calls do: the outbox sweep, and the caches' background reloads.</summary>
    private static bool IsBackgroundPoll(string sql) =>
        sql.Contains("messaging.", StringComparison.Ordinal)
        || sql.Contains("keys.", StringComparison.Ordinal)
        || sql.Contains("accounts.", StringComparison.Ordinal)
        || sql.Contains("routing.", StringComparison.Ordinal);

    private static async Task CallAsync(HttpClient api, string ip, HttpStatusCode expected)
    {
        using var response = await SendFromAsync(api, ip, HttpMethod.Post, "/v1/chat/completions", Chat);
        await response.AssertStatusAsync(expected);
    }

    private async Task SettledAndAuditedAsync()
    {
        await Fixture.App.Services.GetRequiredService<IPendingSettlements>().WaitForAllAsync(CancellationToken.None);
        await Fixture.App.Services.GetRequiredService<IPendingDecisionWrites>().WaitForQueuedAsync(CancellationToken.None);
    }
}
