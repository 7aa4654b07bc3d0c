using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Application.Balances;
using Xunit;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>Two instances of the app on one PostgreSQL database, both lending from balance leases.</summary>
public sealed class TwoInstanceLeaseTests(TwoInstanceLeaseFixture fixture)
    : GatewayTestBase<TwoInstanceLeaseFixture>(fixture), IClassFixture<TwoInstanceLeaseFixture>
{
    /// <summary>
    /// A balance far above a few leases (docs/adr/0048-balance-leases.md): both instances lend their calls' holds from
    /// leases of their own, and once both have given back what they did not lend, every call is charged once and
    /// nothing is left held.
    /// </summary>
    [Fact]
    public async Task Calls_on_two_instances_hold_from_each_ones_lease_and_are_each_charged_once()
    {
        const int calls = 300;
        var body = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["max_tokens"] = 10,
        }.ToJsonString();
        var initial = Money.Parse("100");
        await Admin.CreditAsync(AccountId, initial.ToString());
        var apps = new[] { Fixture.App, Fixture.Second };

        var statuses = new HttpStatusCode[calls];
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            using var client = apps[i % 2].CreateBearerClient(ApiKey);
            using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
            statuses[i] = response.StatusCode;
        });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        foreach (var app in apps)
        {
            await app.Services.GetRequiredService<IPendingSettlements>().WaitForAllAsync(CancellationToken.None);
        }

        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal(("0", initial - Money.FromNanoUsd(CostOf(12, 5).NanoUsd * calls)), (reserved, Money.Parse(available)));
        await using var db = new NpgsqlConnection(Fixture.App.ConnectionString);
        await db.OpenAsync();
        Assert.Equal(0, await PostgresBalanceWatch.ScalarAsync(db, "SELECT COUNT(*) FROM billing.reservations WHERE status <> 'Settled'"));
        // Leases were taken (each instance's second call takes one); the calls that arrived while one was being taken
        // held on their own (how many depends on the machine's speed), the others were lent.
        Assert.True(await PostgresBalanceWatch.ScalarAsync(db, "SELECT COUNT(*) FROM billing.reservations WHERE starts_with(id, 'lease_')") >= 2, "the instances took leases");
        Assert.InRange(await PostgresBalanceWatch.ScalarAsync(db, "SELECT COUNT(*) FROM billing.reservations WHERE NOT starts_with(id, 'lease_')"), 2, calls - 1);
        Assert.Equal(calls, await PostgresBalanceWatch.ScalarAsync(db, "SELECT COUNT(*) FROM billing.usage_records WHERE status = 'succeeded'"));
        using var reconciliation = await Admin.GetAsync($"/admin/v1/billing/reconciliation?account_id={AccountId}");
        var row = Assert.Single((await reconciliation.ReadJsonNodeAsync())["data"]!.AsArray())!;
        Assert.True(row["balanced"]!.GetValue<bool>(), row.ToJsonString());
    }
}

/// <summary>The PostgreSQL gateway fixture with a second instance of the app on the same database, leases on (the default).</summary>
public sealed class TwoInstanceLeaseFixture() : GatewayFixture(DatabaseKind.Postgres)
{
    protected override bool WithSecondInstance => true;
}
