using Microsoft.EntityFrameworkCore;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Accounts.Application.Accounts.CreateAccount;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

/// <summary>Reserve → settle of one call, on the real BillingDbContext (the SQL is the logic here).</summary>
public sealed class BalanceReservationsTests : ModuleTestBase
{
    private static readonly Guid Key = Guid.CreateVersion7();

    [Fact]
    public async Task A_hold_moves_money_from_available_to_reserved_only_when_covered()
    {
        var account = await FundedAccountAsync("1");

        Assert.True(await ReserveAsync("req-1", account, "0.6"));
        Assert.False(await ReserveAsync("req-2", account, "0.400000001"));
        Assert.True(await ReserveAsync("req-3", account, "0.4"));

        Assert.Equal(new BalanceDto("0", "1"), await Host.QueryAsync(new GetBalanceQuery(account)));
    }

    [Fact]
    public async Task An_account_without_a_balance_cannot_hold_anything() =>
        Assert.False(await ReserveAsync("req-1", Guid.CreateVersion7(), "0.000000001"));

    [Fact]
    public async Task Settlement_releases_the_hold_charges_the_cost_and_records_the_usage()
    {
        var account = await FundedAccountAsync("1");
        await ReserveAsync("req-1", account, "0.3");

        var charged = await SettleAsync("req-1", account, "0.012345678");

        Assert.Equal(Money.Parse("0.012345678"), charged);
        Assert.Equal(new BalanceDto("0.987654322", "0"), await Host.QueryAsync(new GetBalanceQuery(account)));
        var usage = await Host.ReadAsync<BillingDbContext, UsageRecord>(db => db.UsageRecords.AsNoTracking().SingleAsync());
        Assert.Equal((account, Key, "gpt-4o", 1000L, 200L, 300L), (usage.AccountId, usage.KeyId, usage.Model, usage.InputTokens, usage.OutputTokens, usage.CacheReadTokens));
        Assert.Equal(Money.Parse("0.012345678"), usage.Charged);
        var charge = await Host.ReadAsync<BillingDbContext, LedgerEntry>(db => db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Type == LedgerEntryType.Usage));
        Assert.Equal(Money.Parse("-0.012345678"), charge.Amount);
        Assert.Equal("req-1", charge.Reference);
    }

    [Fact]
    public async Task A_call_is_settled_exactly_once()
    {
        var account = await FundedAccountAsync("1");
        await ReserveAsync("req-1", account, "0.3");

        var first = await SettleAsync("req-1", account, "0.1");
        var second = await SettleAsync("req-1", account, "0.1");

        Assert.Equal(Money.Parse("0.1"), first);
        Assert.Equal(Money.Zero, second);
        Assert.Equal(new BalanceDto("0.9", "0"), await Host.QueryAsync(new GetBalanceQuery(account)));
        Assert.Equal(1, await Host.ReadAsync<BillingDbContext, int>(db => db.UsageRecords.CountAsync()));
    }

    [Fact]
    public async Task A_failed_call_costs_nothing_and_gives_the_hold_back()
    {
        var account = await FundedAccountAsync("1");
        await ReserveAsync("req-1", account, "0.3");

        var charged = await SettleAsync("req-1", account, "0", status: "upstream_error");

        Assert.Equal(Money.Zero, charged);
        Assert.Equal(new BalanceDto("1", "0"), await Host.QueryAsync(new GetBalanceQuery(account)));
        Assert.Equal(0, await Host.ReadAsync<BillingDbContext, int>(db => db.LedgerEntries.CountAsync(e => e.Type == LedgerEntryType.Usage)));
        Assert.Equal("upstream_error", (await Host.ReadAsync<BillingDbContext, UsageRecord>(db => db.UsageRecords.AsNoTracking().SingleAsync())).Status);
    }

    [Fact]
    public async Task A_cost_above_the_hold_takes_the_rest_from_available_but_never_below_zero()
    {
        var account = await FundedAccountAsync("1");
        await ReserveAsync("req-1", account, "0.5");

        var charged = await SettleAsync("req-1", account, "1.2");

        Assert.Equal(Money.Parse("1"), charged);
        Assert.Equal(new BalanceDto("0", "0"), await Host.QueryAsync(new GetBalanceQuery(account)));
        var usage = await Host.ReadAsync<BillingDbContext, UsageRecord>(db => db.UsageRecords.AsNoTracking().SingleAsync());
        Assert.Equal((Money.Parse("1.2"), Money.Parse("1")), (usage.Cost, usage.Charged));
    }

    [Fact]
    public async Task The_ledger_always_sums_to_available_plus_reserved()
    {
        var account = await FundedAccountAsync("2");
        await ReserveAsync("req-1", account, "0.5");
        await ReserveAsync("req-2", account, "0.5");
        await SettleAsync("req-1", account, "0.123456789");

        var ledger = await Host.ReadAsync<BillingDbContext, List<Money>>(db => db.LedgerEntries.AsNoTracking().Select(e => e.Amount).ToListAsync());
        var balance = await Host.QueryAsync(new GetBalanceQuery(account));

        Assert.Equal(
            Money.FromNanoUsd(ledger.Sum(m => m.NanoUsd)),
            Money.Parse(balance.AvailableUsd) + Money.Parse(balance.ReservedUsd));
        Assert.Equal("0.5", balance.ReservedUsd);
    }

    private async Task<Guid> FundedAccountAsync(string amount)
    {
        var account = (await Host.SendAsync(new CreateAccountCommand("customer@example.com", "US"))).Id;
        await Host.SendAsync(new CreditBalanceCommand(account, amount, "funding", "funding"));
        return account;
    }

    /// <summary>A hold of exactly <paramref name="hold"/> (desired = minimum); true when it was placed.</summary>
    private async Task<bool> ReserveAsync(string requestId, Guid account, string hold)
    {
        var amount = Money.Parse(hold);
        var held = await Host.WithServiceAsync<IBalanceReservations, Money?>(r => r.TryReserveUpToAsync(
            new ReservationRequest(requestId, account, Key, "gpt-4o", "openai", amount, amount),
            CancellationToken.None));
        Assert.True(held is null || held == amount, $"A hold of exactly {amount} USD placed {held} USD.");
        return held is not null;
    }

    private Task<Money> SettleAsync(string requestId, Guid account, string cost, string status = "succeeded") =>
        Host.WithServiceAsync<IBalanceReservations, Money>(r => r.SettleAsync(
            new CallSettlement(requestId, account, Key, "gpt-4o", "openai", new TokenUsage(1000, 200, 300, 0, 0), Money.Parse(cost), 42, status, "upstream"),
            CancellationToken.None));
}
