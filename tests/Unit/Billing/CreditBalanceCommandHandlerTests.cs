using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Accounts.Application.Accounts.CreateAccount;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

public sealed class CreditBalanceCommandHandlerTests : ModuleTestBase
{
    [Fact]
    public async Task A_credit_adds_exactly_its_amount_and_writes_one_ledger_entry()
    {
        var account = await OpenAccountAsync();

        var entry = await Host.SendAsync(new CreditBalanceCommand(account, "12.345678901", "welcome", "first"));

        Assert.Equal("adjustment", entry.Type);
        Assert.Equal("12.345678901", entry.AmountUsd);
        Assert.Equal("welcome", entry.Description);
        Assert.Equal(ModuleTestHost.Start, entry.CreatedAt);
        Assert.Equal(new BalanceDto("12.345678901", "0"), await Host.QueryAsync(new GetBalanceQuery(account)));
        var stored = await Host.ReadAsync<BillingDbContext, LedgerEntry>(db => db.LedgerEntries.AsNoTracking().SingleAsync());
        Assert.Equal(12_345_678_901, stored.Amount.NanoUsd);
        Assert.Equal("first", stored.Reference);
    }

    [Fact]
    public async Task Repeating_a_credit_with_the_same_idempotency_key_moves_money_once()
    {
        var account = await OpenAccountAsync();

        var first = await Host.SendAsync(new CreditBalanceCommand(account, "10", "welcome", "once"));
        var again = await Host.SendAsync(new CreditBalanceCommand(account, "10", "welcome", "once"));

        Assert.Equal(first, again);
        Assert.Equal("10", (await Host.QueryAsync(new GetBalanceQuery(account))).AvailableUsd);
        Assert.Equal(1, await Host.ReadAsync<BillingDbContext, int>(db => db.LedgerEntries.CountAsync()));
    }

    [Fact]
    public async Task Concurrent_duplicates_of_one_credit_move_money_once()
    {
        var account = await OpenAccountAsync();

        var entries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Host.SendAsync(new CreditBalanceCommand(account, "3", "welcome", "same-key"))));

        Assert.Single(entries.Select(e => e.Id).Distinct());
        Assert.Equal("3", (await Host.QueryAsync(new GetBalanceQuery(account))).AvailableUsd);
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_another_amount_is_a_conflict_and_moves_nothing()
    {
        var account = await OpenAccountAsync();
        await Host.SendAsync(new CreditBalanceCommand(account, "10", "welcome", "key-1"));

        var error = await Assert.ThrowsAsync<ConflictException>(() => Host.SendAsync(new CreditBalanceCommand(account, "20", "welcome", "key-1")));

        Assert.Equal("idempotency_key_reused", error.Code);
        Assert.Equal("10", (await Host.QueryAsync(new GetBalanceQuery(account))).AvailableUsd);
    }

    [Fact]
    public async Task The_same_idempotency_key_on_two_accounts_credits_both()
    {
        var one = await OpenAccountAsync("one@example.com");
        var two = await OpenAccountAsync("two@example.com");

        await Host.SendAsync(new CreditBalanceCommand(one, "1", "welcome", "shared"));
        await Host.SendAsync(new CreditBalanceCommand(two, "2", "welcome", "shared"));

        Assert.Equal("1", (await Host.QueryAsync(new GetBalanceQuery(one))).AvailableUsd);
        Assert.Equal("2", (await Host.QueryAsync(new GetBalanceQuery(two))).AvailableUsd);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Credits_without_an_idempotency_key_are_all_applied(string? key)
    {
        var account = await OpenAccountAsync();

        await Host.SendAsync(new CreditBalanceCommand(account, "0.1", "top", key));
        await Host.SendAsync(new CreditBalanceCommand(account, "0.2", "top", key));

        Assert.Equal("0.3", (await Host.QueryAsync(new GetBalanceQuery(account))).AvailableUsd);
    }

    [Fact]
    public async Task Crediting_an_unknown_account_is_not_found_and_creates_no_balance()
    {
        var stranger = Guid.CreateVersion7();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => Host.SendAsync(new CreditBalanceCommand(stranger, "5", "welcome", null)));

        Assert.Equal("account_not_found", error.Code);
        Assert.Equal(0, await Host.ReadAsync<BillingDbContext, int>(db => db.Balances.CountAsync()));
    }

    [Fact]
    public async Task An_invalid_credit_is_refused_before_the_handler_with_snake_case_fields()
    {
        var account = await OpenAccountAsync();

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => Host.SendAsync(new CreditBalanceCommand(account, "-5", "", null)));

        Assert.Equal(["amount_usd", "reason"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(new BalanceDto("0", "0"), await Host.QueryAsync(new GetBalanceQuery(account)));
    }

    private async Task<Guid> OpenAccountAsync(string email = "customer@example.com") =>
        (await Host.SendAsync(new CreateAccountCommand(email, "US"))).Id;
}
