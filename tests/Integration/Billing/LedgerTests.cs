using System.Net;
using Microsoft.EntityFrameworkCore;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>The customer and admin ledger lists, and the admin reconciliation of ledger against balance.</summary>
public abstract class LedgerTests<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture)
    where TFixture : BillingFixture
{
    [Fact]
    public async Task Ledger_pages_newest_first_and_the_cursor_reaches_every_entry_once()
    {
        foreach (var amount in new[] { "1", "2", "3", "4", "5" })
        {
            await Admin.CreditAsync(AccountId, amount, idempotencyKey: $"credit-{amount}");
        }

        using var first = await Customer.GetAsync("/api/v1/ledger?limit=2");
        await first.AssertStatusAsync(HttpStatusCode.OK);
        var page = await first.ReadJsonNodeAsync();
        var entries = page["data"]!.AsArray();
        Assert.Equal(["5", "4"], entries.Select(e => e!["amount_usd"]!.GetValue<string>()));
        var entry = entries[0]!;
        Assert.Equal("adjustment", entry["type"]!.GetValue<string>());
        Assert.True(Guid.TryParse(entry["id"]!.GetValue<string>(), out _));
        Assert.True(DateTimeOffset.TryParse(entry["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.NotNull(page["next_cursor"]?.GetValue<string>());

        var all = await LedgerAsync();
        Assert.Equal(["5", "4", "3", "2", "1"], all.Select(e => e["amount_usd"]!.GetValue<string>()));
        Assert.Equal(5, all.Select(e => e["id"]!.GetValue<string>()).Distinct().Count());

        var viaAdmin = await LedgerAsync(Admin, $"/admin/v1/accounts/{AccountId}/ledger");
        Assert.Equal(all.Select(e => e.ToJsonString()), viaAdmin.Select(e => e.ToJsonString()));
    }

    [Fact]
    public async Task Ledger_is_private_to_its_account()
    {
        await Admin.CreditAsync(AccountId, "7");
        var (_, other) = await SignUpAsync();

        using var response = await other.GetAsync("/api/v1/ledger");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var page = await response.ReadJsonNodeAsync();
        Assert.Empty(page["data"]!.AsArray());
        Assert.Null(page["next_cursor"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Ledger_refuses_a_bad_limit_or_cursor(string query, string field)
    {
        using var response = await Customer.GetAsync($"/api/v1/ledger?{query}");

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadJsonNodeAsync())["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task Reconciliation_finds_every_account_balanced_and_reports_a_drifted_one()
    {
        await Admin.CreditAsync(AccountId, "12.5");
        var (otherId, _) = await SignUpAsync();
        await Admin.CreditAsync(otherId, "3");

        using (var all = await Admin.GetAsync("/admin/v1/billing/reconciliation"))
        {
            await all.AssertStatusAsync(HttpStatusCode.OK);
            var body = await all.ReadJsonNodeAsync();
            Assert.Equal(2, body["checked_accounts"]!.GetValue<int>());
            Assert.Equal(0, body["unbalanced_accounts"]!.GetValue<int>());
            Assert.All(body["data"]!.AsArray(), row => Assert.True(row!["balanced"]!.GetValue<bool>()));
        }

        // Simulate a bug that moved money without a ledger entry: one nano-dollar appears in the balance.
        await WithBillingDbAsync(db => db.Balances.Where(b => b.AccountId == AccountId)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.AvailableNanoUsd, b => b.AvailableNanoUsd + 1)));

        using var one = await Admin.GetAsync($"/admin/v1/billing/reconciliation?account_id={AccountId}");
        await one.AssertStatusAsync(HttpStatusCode.OK);
        var result = await one.ReadJsonNodeAsync();
        var row = Assert.Single(result["data"]!.AsArray())!;
        Assert.Equal(AccountId.ToString(), row["account_id"]!.GetValue<string>());
        Assert.Equal("12.5", row["ledger_sum_usd"]!.GetValue<string>());
        Assert.Equal("12.500000001", row["available_usd"]!.GetValue<string>());
        Assert.Equal("0", row["reserved_usd"]!.GetValue<string>());
        Assert.Equal("12.500000001", row["balance_usd"]!.GetValue<string>());
        Assert.False(row["balanced"]!.GetValue<bool>());
        Assert.Equal(1, result["unbalanced_accounts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reconciliation_of_an_account_without_money_is_balanced_and_of_an_unknown_one_is_404()
    {
        using (var empty = await Admin.GetAsync($"/admin/v1/billing/reconciliation?account_id={AccountId}"))
        {
            await empty.AssertStatusAsync(HttpStatusCode.OK);
            var row = Assert.Single((await empty.ReadJsonNodeAsync())["data"]!.AsArray())!;
            Assert.Equal(("0", true), (row["ledger_sum_usd"]!.GetValue<string>(), row["balanced"]!.GetValue<bool>()));
        }

        using var unknown = await Admin.GetAsync($"/admin/v1/billing/reconciliation?account_id={Guid.NewGuid()}");
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteLedgerTests(SqliteBillingFixture fixture)
    : LedgerTests<SqliteBillingFixture>(fixture), IClassFixture<SqliteBillingFixture>;

public sealed class PostgresLedgerTests(PostgresBillingFixture fixture)
    : LedgerTests<PostgresBillingFixture>(fixture), IClassFixture<PostgresBillingFixture>;
