using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Application.Reservations.ReleaseStaleReservations;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// Key budgets held and settled with the balance (docs/adr/0033-key-budgets.md), through the app's own
/// <see cref="IBalanceReservations"/> on a real database and a fake clock: parallel holds never overrun a budget,
/// settlement and expiry give back what was not spent, periods roll over at UTC midnight and month start.
/// </summary>
public abstract class KeyBudgetTests<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture)
    where TFixture : BillingFixture
{
    private readonly Guid key = Guid.CreateVersion7();

    private FakeTimeProvider Clock => (FakeTimeProvider)Fixture.AppClock;

    [Fact]
    public async Task Fifty_parallel_calls_against_a_budget_covering_ten_get_exactly_ten_holds_and_never_overrun_it()
    {
        await Admin.CreditAsync(AccountId, "100");
        var budget = Budget("1", KeyBudgetPeriod.Total);
        var ids = Enumerable.Range(0, 50).Select(_ => NewId()).ToList();

        var outcomes = await Task.WhenAll(ids.Select(id => Task.Run(() => TryReserveAsync(id, "0.1", "0.1", budget))));

        var held = ids.Zip(outcomes).Where(o => o.Second.Held is not null).Select(o => o.First).ToList();
        Assert.Equal(10, held.Count);
        Assert.Equal(40, outcomes.Count(o => o.Refusal is not null));
        Assert.All(outcomes.Where(o => o.Held is not null), o => Assert.Equal(Money.Parse("0.1"), o.Held));
        Assert.Equal((0L, Money.Parse("1").NanoUsd), await BudgetAsync(budget));

        await Task.WhenAll(held.Select(id => SettleAsync(id, "0.1")));

        Assert.Equal((Money.Parse("1").NanoUsd, 0L), await BudgetAsync(budget));
        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal(("99", "0"), (available, reserved));
        Assert.Equal(10, await WithBillingDbAsync(db => db.LedgerEntries.CountAsync(e => e.AccountId == AccountId && e.Type == LedgerEntryType.Usage)));
        Assert.Equal(10, await WithBillingDbAsync(db => db.Reservations.CountAsync(r => r.AccountId == AccountId)));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_settlement_below_the_hold_gives_the_difference_back_to_the_budget()
    {
        await Admin.CreditAsync(AccountId, "10");
        var budget = Budget("1", KeyBudgetPeriod.Total);
        var first = NewId();
        Assert.Equal(Money.Parse("0.6"), (await TryReserveAsync(first, "0.6", "0.6", budget)).Held);

        await SettleAsync(first, "0.2");

        Assert.Equal((Money.Parse("0.2").NanoUsd, 0L), await BudgetAsync(budget));
        Assert.Equal(Money.Parse("0.8"), (await TryReserveAsync(NewId(), "0.8", "0.8", budget)).Held);
        var refused = await TryReserveAsync(NewId(), "0.01", "0.01", budget);
        Assert.Null(refused.Held);
        Assert.Equal(Money.Zero, refused.Refusal!.Remaining);
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task An_up_to_hold_is_capped_by_what_the_budget_has_left_and_a_short_balance_is_still_a_balance_refusal()
    {
        await Admin.CreditAsync(AccountId, "10");
        var budget = Budget("0.3", KeyBudgetPeriod.Total);

        Assert.Equal(Money.Parse("0.3"), (await TryReserveAsync(NewId(), "0.5", "0.1", budget)).Held);
        Assert.NotNull((await TryReserveAsync(NewId(), "0.5", "0.1", budget)).Refusal);

        var (poor, _) = await SignUpAsync();
        await Admin.CreditAsync(poor, "0.05");
        var shortBalance = await TryReserveAsync(NewId(), "0.1", "0.1", Budget("5", KeyBudgetPeriod.Total), poor, Guid.CreateVersion7());
        Assert.Equal((null, null), (shortBalance.Held, shortBalance.Refusal));
    }

    [Fact]
    public async Task A_cost_above_the_hold_is_charged_to_the_budget_too_so_it_exceeds_the_limit_by_at_most_that_excess()
    {
        await Admin.CreditAsync(AccountId, "10");
        var budget = Budget("0.6", KeyBudgetPeriod.Total);
        var id = NewId();
        await TryReserveAsync(id, "0.5", "0.5", budget);

        Assert.Equal(Money.Parse("0.7"), await SettleAsync(id, "0.7"));

        Assert.Equal((Money.Parse("0.7").NanoUsd, 0L), await BudgetAsync(budget));
        Assert.NotNull((await TryReserveAsync(NewId(), "0.000000001", "0.000000001", budget)).Refusal);
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_stale_reservation_released_by_the_clean_up_job_gives_its_hold_back_to_the_budget()
    {
        await Admin.CreditAsync(AccountId, "10");
        var budget = Budget("1", KeyBudgetPeriod.Total);
        var stale = NewId();
        await TryReserveAsync(stale, "0.6", "0.6", budget);
        Assert.NotNull((await TryReserveAsync(NewId(), "0.6", "0.6", budget)).Refusal);

        Clock.Advance(TimeSpan.FromHours(2)); // past the hold's time-to-live
        await WithServiceAsync<IDispatcher, StaleReservationsReleasedDto>(d => d.Send(new ReleaseStaleReservationsCommand()));

        Assert.Equal((0L, 0L), await BudgetAsync(budget, Clock.GetUtcNow() - TimeSpan.FromHours(2)));
        Assert.Equal(Money.Parse("1"), (await TryReserveAsync(NewId(), "1", "1", budget)).Held);
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_day_budget_starts_afresh_at_utc_midnight_and_a_month_budget_at_the_start_of_the_month()
    {
        await Admin.CreditAsync(AccountId, "10");
        var day = Budget("0.3", KeyBudgetPeriod.Day);
        var now = Clock.GetUtcNow();
        var id = NewId();
        await TryReserveAsync(id, "0.3", "0.3", day);
        await SettleAsync(id, "0.3");
        Assert.NotNull((await TryReserveAsync(NewId(), "0.1", "0.1", day)).Refusal);

        Clock.Advance(day.PeriodStart(now).AddDays(1) - now); // exactly midnight UTC
        Assert.Equal(Money.Parse("0.3"), (await TryReserveAsync(NewId(), "0.3", "0.3", day)).Held);

        var month = Budget("0.2", KeyBudgetPeriod.Month);
        now = Clock.GetUtcNow();
        Assert.Equal(Money.Parse("0.2"), (await TryReserveAsync(NewId(), "0.2", "0.2", month)).Held);
        Clock.Advance(month.PeriodStart(now).AddMonths(1) - now - TimeSpan.FromTicks(1)); // the month's last instant
        Assert.NotNull((await TryReserveAsync(NewId(), "0.1", "0.1", month)).Refusal);
        Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(Money.Parse("0.2"), (await TryReserveAsync(NewId(), "0.2", "0.2", month)).Held);

        var total = Budget("0.1", KeyBudgetPeriod.Total);
        Assert.Equal(Money.Parse("0.1"), (await TryReserveAsync(NewId(), "0.1", "0.1", total)).Held);
        Clock.Advance(TimeSpan.FromDays(40));
        Assert.NotNull((await TryReserveAsync(NewId(), "0.1", "0.1", total)).Refusal);
    }

    [Fact]
    public async Task A_changed_limit_applies_to_the_next_hold_and_keys_without_a_budget_stay_on_the_batches()
    {
        await Admin.CreditAsync(AccountId, "10");
        await TryReserveAsync(NewId(), "0.5", "0.5", Budget("0.5", KeyBudgetPeriod.Total));
        Assert.NotNull((await TryReserveAsync(NewId(), "0.5", "0.5", Budget("0.5", KeyBudgetPeriod.Total))).Refusal);

        Assert.Equal(Money.Parse("0.5"), (await TryReserveAsync(NewId(), "0.5", "0.5", Budget("1", KeyBudgetPeriod.Total))).Held);

        var unbudgeted = NewId();
        Assert.Equal(Money.Parse("0.5"), (await TryReserveAsync(unbudgeted, "0.5", "0.5", null)).Held);
        // On PostgreSQL a plain key's call holds from the account's balance lease and has no reservation of its own.
        var reservation = await WithBillingDbAsync(db => db.Reservations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == unbudgeted));
        Assert.Null(reservation?.BudgetPeriod);
        Assert.Equal(1, await WithBillingDbAsync(db => db.KeyBudgets.CountAsync(b => b.KeyId == key)));
    }

    /// <summary>
    /// Budgeted holds go through the group commit (docs/adr/0041-exact-key-limits-through-the-group-commit.md): in one
    /// batch with plain calls and another account's budgeted call, the only call refused is the one whose key budget is
    /// short — its account's calls are placed one by one, the others stay on the batch — and the settlements of
    /// budgeted holds move their budget rows in the settlement batch.
    /// </summary>
    [Fact]
    public async Task A_batch_mixing_budgeted_and_plain_calls_fails_only_the_call_whose_key_budget_is_short()
    {
        await Admin.CreditAsync(AccountId, "10");
        var (other, _) = await SignUpAsync();
        await Admin.CreditAsync(other, "10");
        await using var harness = new GroupCommitHarness(Fixture.App.Services);
        var via = harness.Reservations;
        var (shortKey, plainKey, otherKey) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var (shortBudget, roomy, otherBudget) = (Budget("0.15", KeyBudgetPeriod.Total), Budget("1", KeyBudgetPeriod.Day), Budget("0.5", KeyBudgetPeriod.Month));
        var (refused, roomy1, roomy2, plain, others) = (NewId(), NewId(), NewId(), NewId(), NewId());

        var tasks = await harness.InOneBatchAsync(
            BatchKind.Reserve,
            () => TryReserveAsync(NewId(), "0.1", "0.1", null, Guid.CreateVersion7(), via: via), // an unfunded account: slow, refused
            () =>
            [
                TryReserveAsync(refused, "0.2", "0.2", shortBudget, keyId: shortKey, via: via),
                TryReserveAsync(roomy1, "0.3", "0.3", roomy, via: via),
                TryReserveAsync(roomy2, "0.3", "0.3", roomy, via: via),
                TryReserveAsync(plain, "0.4", "0.4", null, keyId: plainKey, via: via),
                TryReserveAsync(others, "0.5", "0.5", otherBudget, other, otherKey, via),
            ]);
        var outcomes = await Task.WhenAll(tasks.Skip(1).Cast<Task<(Money? Held, KeySpendLimitReachedException? Refusal)>>());

        Assert.Equal([1, 5], harness.Sql.SizesOf(BatchKind.Reserve));
        Assert.Equal(Money.Parse("0.15"), outcomes[0].Refusal!.Remaining);
        Assert.Null(outcomes[0].Held);
        Assert.Equal(["0.3", "0.3", "0.4", "0.5"], outcomes.Skip(1).Select(o => o.Held!.Value.ToString()));
        Assert.Equal(1, via.Counters.Fast); // the other account's budgeted hold, in the batch
        Assert.Equal((0L, 0L), await BudgetAsync(shortBudget, keyId: shortKey));
        Assert.Equal((0L, Money.Parse("0.6").NanoUsd), await BudgetAsync(roomy));
        Assert.Equal((0L, Money.Parse("0.5").NanoUsd), await BudgetAsync(otherBudget, keyId: otherKey));

        var blocker = NewId();
        Assert.NotNull((await TryReserveAsync(blocker, "0.01", "0.01", null, other, otherKey, via)).Held);
        var slowBefore = via.Counters.Slow;
        var settled = await harness.InOneBatchAsync(
            BatchKind.Settle,
            () => SettleAsync(blocker, "0.01", via, other, otherKey),
            () =>
            [
                SettleAsync(roomy1, "0.25", via),
                SettleAsync(roomy2, "0.3", via),
                SettleAsync(plain, "0.1", via, keyId: plainKey),
                SettleAsync(others, "0.2", via, other, otherKey),
            ]);
        await Task.WhenAll(settled);

        Assert.Equal([1, 4], harness.Sql.SizesOf(BatchKind.Settle));
        Assert.Equal(slowBefore, via.Counters.Slow); // every settlement on the batch, budgeted or not
        Assert.Equal(0, via.OutstandingHolds);
        Assert.Equal((Money.Parse("0.55").NanoUsd, 0L), await BudgetAsync(roomy));
        Assert.Equal((Money.Parse("0.2").NanoUsd, 0L), await BudgetAsync(otherBudget, keyId: otherKey));
        Assert.Equal(("9.35", "0"), await Admin.GetAccountBalanceAsync(AccountId));
        Assert.Equal(("9.79", "0"), await Admin.GetAccountBalanceAsync(other));
        await AssertLedgerBalancedAsync();
    }

    private protected static KeyBudget Budget(string limit, KeyBudgetPeriod period) => new(Money.Parse(limit), period);

    private protected async Task<(Money? Held, KeySpendLimitReachedException? Refusal)> TryReserveAsync(
        string id, string desired, string minimum, KeyBudget? budget, Guid? account = null, Guid? keyId = null, IBalanceReservations? via = null)
    {
        var request = new ReservationRequest(id, account ?? AccountId, keyId ?? key, "gpt-4o", "openai", Money.Parse(desired), Money.Parse(minimum), budget);
        try
        {
            return via is null
                ? (await WithServiceAsync<IBalanceReservations, Money?>(r => r.TryReserveUpToAsync(request, CancellationToken.None)), null)
                : (await via.TryReserveUpToAsync(request, CancellationToken.None), null);
        }
        catch (KeySpendLimitReachedException e)
        {
            return (null, e);
        }
    }

    private protected Task<Money> SettleAsync(string id, string cost, IBalanceReservations? via = null, Guid? account = null, Guid? keyId = null)
    {
        var call = new CallSettlement(id, account ?? AccountId, keyId ?? key, "gpt-4o", "openai", new TokenUsage(1000, 200, 0, 0, 0), Money.Parse(cost), 42, "succeeded", "reported");
        return via?.SettleAsync(call, CancellationToken.None)
            ?? WithServiceAsync<IBalanceReservations, Money>(r => r.SettleAsync(call, CancellationToken.None));
    }

    /// <summary>The key's (spent, reserved) in nano-USD for the budget's period at <paramref name="at"/> (default now).</summary>
    private protected Task<(long Spent, long Reserved)> BudgetAsync(KeyBudget budget, DateTimeOffset? at = null, Guid? keyId = null)
    {
        var start = budget.PeriodStart(at ?? Clock.GetUtcNow());
        var period = budget.Period.ToString().ToLowerInvariant();
        var id = keyId ?? key;
        return WithBillingDbAsync(async db => await db.KeyBudgets.AsNoTracking()
            .Where(b => b.KeyId == id && b.Period == period && b.PeriodStart == start)
            .Select(b => new ValueTuple<long, long>(b.SpentNanoUsd, b.ReservedNanoUsd))
            .SingleAsync());
    }

    private protected static string NewId() => "req_" + Guid.NewGuid().ToString("N");
}

public sealed class SqliteKeyBudgetFixture() : BillingFixture(DatabaseKind.Sqlite, fakeClock: true);

public sealed class PostgresKeyBudgetFixture() : BillingFixture(DatabaseKind.Postgres, fakeClock: true);

public sealed class SqliteKeyBudgetTests(SqliteKeyBudgetFixture fixture)
    : KeyBudgetTests<SqliteKeyBudgetFixture>(fixture), IClassFixture<SqliteKeyBudgetFixture>;

public sealed class PostgresKeyBudgetTests(PostgresKeyBudgetFixture fixture)
    : KeyBudgetTests<PostgresKeyBudgetFixture>(fixture), IClassFixture<PostgresKeyBudgetFixture>
{
    /// <summary>
    /// Two group commits with their own connection pools (two instances) on one PostgreSQL database share one key
    /// budget: 60 parallel calls, alternating between them, against a budget covering 12 — exactly 12 are held.
    /// </summary>
    [Fact]
    public async Task Two_instances_sharing_one_key_budget_never_overrun_it()
    {
        await Admin.CreditAsync(AccountId, "100");
        await using var secondPool = NpgsqlDataSource.Create(Fixture.App.ConnectionString);
        await using var first = new GroupCommitHarness(Fixture.App.Services);
        await using var second = new GroupCommitHarness(Fixture.App.Services, new PostgresBatchSql(secondPool));
        var instances = new IBalanceReservations[] { first.Reservations, second.Reservations };
        var budget = Budget("1.2", KeyBudgetPeriod.Month);
        var ids = Enumerable.Range(0, 60).Select(_ => NewId()).ToList();

        var outcomes = await Task.WhenAll(ids.Select((id, i) => Task.Run(() => TryReserveAsync(id, "0.1", "0.1", budget, via: instances[i % 2]))));
        var held = ids.Zip(outcomes).Where(o => o.Second.Held is not null).Select(o => o.First).ToList();
        Assert.Equal(12, held.Count);
        await Task.WhenAll(held.Select((id, i) => SettleAsync(id, "0.1", instances[(i + 1) % 2])));

        Assert.Equal((Money.Parse("1.2").NanoUsd, 0L), await BudgetAsync(budget));
        Assert.Equal(("98.8", "0"), await Customer.GetBalanceAsync());
        await AssertLedgerBalancedAsync();
    }
}
