using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Application.Reservations.ReleaseStaleReservations;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// The group commit's batches on a real database: what goes into one batch, what the fast path decides, what it
/// leaves to the per-call slow path, and that a failing batch fails only the operation that made it fail.
/// </summary>
public abstract class GroupCommitTests<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture)
    where TFixture : BillingFixture
{
    private static readonly Guid Key = Guid.CreateVersion7();

    [Fact]
    public async Task Reservations_and_settlements_of_several_accounts_each_go_into_one_batch_on_the_fast_path()
    {
        await using var harness = new GroupCommitHarness(Fixture.App.Services);
        var accounts = new[] { await FundedAsync("1"), await FundedAsync("1"), await FundedAsync("1") };
        var calls = accounts.SelectMany(a => new[] { (Id: NewId(), Account: a), (Id: NewId(), Account: a) }).ToList();

        var reserved = await harness.InOneBatchAsync(
            BatchKind.Reserve,
            () => harness.Reservations.TryReserveUpToAsync(Request(NewId(), Guid.CreateVersion7(), "0.1"), CancellationToken.None),
            () => [.. calls.Select(c => harness.Reservations.TryReserveUpToAsync(Request(c.Id, c.Account, "0.2"), CancellationToken.None))]);
        await Task.WhenAll(reserved);
        Assert.All(reserved.Skip(1), t => Assert.Equal(Money.Parse("0.2"), ((Task<Money?>)t).Result));
        Assert.Equal([1, 6], harness.Sql.SizesOf(BatchKind.Reserve));
        foreach (var account in accounts)
        {
            Assert.Equal((Money.Parse("0.6"), Money.Parse("0.4")), await BalanceAsync(account));
        }

        var blocker = NewId();
        await harness.Reservations.TryReserveUpToAsync(Request(blocker, accounts[0], "0.1"), CancellationToken.None);
        var settled = await harness.InOneBatchAsync(
            BatchKind.Settle,
            () => harness.Reservations.SettleAsync(Call(blocker, accounts[0], "0.05"), CancellationToken.None),
            () => [.. calls.Select(c => harness.Reservations.SettleAsync(Call(c.Id, c.Account, "0.123456789"), CancellationToken.None))]);
        await Task.WhenAll(settled);

        Assert.Equal([1, 6], harness.Sql.SizesOf(BatchKind.Settle));
        Assert.All(settled.Skip(1), t => Assert.Equal(Money.Parse("0.123456789"), ((Task<Money>)t).Result));
        Assert.Equal((Money.Parse("0.703086422"), Money.Zero), await BalanceAsync(accounts[0]));
        Assert.Equal((Money.Parse("0.753086422"), Money.Zero), await BalanceAsync(accounts[1]));
        Assert.Equal(0, harness.Reservations.Counters.FailedBatches);
        Assert.Equal(1, harness.Reservations.Counters.Slow); // only the blocker's reservation on an unfunded account
        Assert.Equal(0, harness.Reservations.OutstandingHolds);

        var usage = await ReadAsync(db => db.UsageRecords.AsNoTracking().Where(u => accounts.Contains(u.AccountId)).ToListAsync());
        Assert.Equal(7, usage.Count);
        Assert.All(usage, u => Assert.Equal(("succeeded", u.Cost), (u.Status, u.Charged)));
        var charges = await ReadAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.Type == LedgerEntryType.Usage).ToListAsync());
        Assert.Equal(7, charges.Count);
        Assert.All(charges, e => Assert.Equal("Usage of gpt-4o", e.Description));
        Assert.All(calls, c => Assert.Contains(charges, e => e.Reference == c.Id && e.Amount == Money.Parse("-0.123456789")));
        await AssertReconciledAsync(accounts);
    }

    [Fact]
    public async Task An_account_whose_balance_does_not_cover_its_whole_batch_gets_the_exact_up_to_holds_one_by_one()
    {
        await using var harness = new GroupCommitHarness(Fixture.App.Services);
        var account = await FundedAsync("1");
        var rich = await FundedAsync("10");

        var reserved = await harness.InOneBatchAsync(
            BatchKind.Reserve,
            () => harness.Reservations.TryReserveUpToAsync(Request(NewId(), Guid.CreateVersion7(), "0.1"), CancellationToken.None),
            () =>
            [
                harness.Reservations.TryReserveUpToAsync(Request(NewId(), account, "0.4", minimum: "0.1"), CancellationToken.None),
                harness.Reservations.TryReserveUpToAsync(Request(NewId(), rich, "0.4"), CancellationToken.None),
                harness.Reservations.TryReserveUpToAsync(Request(NewId(), account, "0.4", minimum: "0.1"), CancellationToken.None),
                harness.Reservations.TryReserveUpToAsync(Request(NewId(), account, "0.4", minimum: "0.1"), CancellationToken.None),
                harness.Reservations.TryReserveUpToAsync(Request(NewId(), account, "0.4", minimum: "0.1"), CancellationToken.None),
            ]);
        await Task.WhenAll(reserved);

        var held = reserved.Skip(1).Select(t => ((Task<Money?>)t).Result).ToList();
        Assert.Equal([Money.Parse("0.4"), Money.Parse("0.4"), Money.Parse("0.4"), Money.Parse("0.2"), null], held);
        Assert.Equal((Money.Zero, Money.Parse("1")), await BalanceAsync(account));
        Assert.Equal((Money.Parse("9.6"), Money.Parse("0.4")), await BalanceAsync(rich));
        Assert.Equal([1, 5], harness.Sql.SizesOf(BatchKind.Reserve));
        Assert.Equal(1, harness.Reservations.Counters.Fast); // the rich account's; the poor one's four went one by one
    }

    [Fact]
    public async Task A_cost_above_the_hold_is_settled_on_the_slow_path_and_never_takes_the_balance_below_zero()
    {
        await using var harness = new GroupCommitHarness(Fixture.App.Services);
        var account = await FundedAsync("1");
        var id = NewId();
        await harness.Reservations.TryReserveUpToAsync(Request(id, account, "0.5"), CancellationToken.None);

        var charged = await harness.Reservations.SettleAsync(Call(id, account, "1.2"), CancellationToken.None);

        Assert.Equal(Money.Parse("1"), charged);
        Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync(account));
        var usage = await ReadAsync(db => db.UsageRecords.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.Equal((Money.Parse("1.2"), Money.Parse("1")), (usage.Cost, usage.Charged));
        Assert.Empty(harness.Sql.SizesOf(BatchKind.Settle)); // decided before any batch: the hold was known
        await AssertReconciledAsync([account]);
    }

    [Fact]
    public async Task A_settlement_after_the_clean_up_job_expired_the_hold_takes_the_slow_path_and_charges_the_cost_once()
    {
        await using var harness = new GroupCommitHarness(Fixture.App.Services);
        var account = await FundedAsync("1");
        var id = NewId();
        await harness.Reservations.TryReserveUpToAsync(Request(id, account, "0.3"), CancellationToken.None);
        await ReadAsync(db => db.Reservations.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await SendAsync(new ReleaseStaleReservationsCommand());
        Assert.Equal((Money.Parse("1"), Money.Zero), await BalanceAsync(account));

        var charged = await harness.Reservations.SettleAsync(Call(id, account, "0.1"), CancellationToken.None);

        Assert.Equal(Money.Parse("0.1"), charged);
        Assert.Equal((Money.Parse("0.9"), Money.Zero), await BalanceAsync(account));
        Assert.Equal([1], harness.Sql.SizesOf(BatchKind.Settle)); // tried on the fast path, which found it expired
        Assert.Equal(1, harness.Reservations.Counters.Slow);
        Assert.Equal(Money.Parse("0.1"), (await ReadAsync(db => db.UsageRecords.AsNoTracking().SingleAsync(u => u.Id == id))).Charged);
        await AssertReconciledAsync([account]);
    }

    [Fact]
    public async Task A_call_settled_twice_in_one_batch_and_once_more_after_moves_its_money_once()
    {
        await using var harness = new GroupCommitHarness(Fixture.App.Services);
        var account = await FundedAsync("1");
        var other = await FundedAsync("1");
        var (id, blocker) = (NewId(), NewId());
        await harness.Reservations.TryReserveUpToAsync(Request(id, account, "0.3"), CancellationToken.None);
        await harness.Reservations.TryReserveUpToAsync(Request(blocker, other, "0.3"), CancellationToken.None);

        var settled = await harness.InOneBatchAsync(
            BatchKind.Settle,
            () => harness.Reservations.SettleAsync(Call(blocker, other, "0.1"), CancellationToken.None),
            () =>
            [
                harness.Reservations.SettleAsync(Call(id, account, "0.1"), CancellationToken.None),
                harness.Reservations.SettleAsync(Call(id, account, "0.1"), CancellationToken.None),
            ]);
        await Task.WhenAll(settled);
        var again = await harness.Reservations.SettleAsync(Call(id, account, "0.1"), CancellationToken.None);

        Assert.Equal([Money.Parse("0.1"), Money.Zero], settled.Skip(1).Select(t => ((Task<Money>)t).Result));
        Assert.Equal(Money.Zero, again);
        Assert.Equal((Money.Parse("0.9"), Money.Zero), await BalanceAsync(account));
        Assert.Equal(1, await ReadAsync(db => db.LedgerEntries.CountAsync(e => e.AccountId == account && e.Type == LedgerEntryType.Usage)));
        await AssertReconciledAsync([account, other]);
    }

    [Fact]
    public async Task A_batch_that_fails_fails_only_the_operation_that_broke_it_with_the_error_it_would_have_had_alone()
    {
        await using var harness = new GroupCommitHarness(Fixture.App.Services);
        var account = await FundedAsync("1");
        var taken = NewId();
        await harness.Reservations.TryReserveUpToAsync(Request(taken, account, "0.1"), CancellationToken.None);
        var alone = await Assert.ThrowsAnyAsync<Exception>(() =>
            WithServiceAsync<SingleCallReservations, Money?>(r => r.TryReserveUpToAsync(Request(taken, account, "0.1"), CancellationToken.None)));

        var (first, second) = (NewId(), NewId());
        var reserved = await harness.InOneBatchAsync(
            BatchKind.Reserve,
            () => harness.Reservations.TryReserveUpToAsync(Request(NewId(), Guid.CreateVersion7(), "0.1"), CancellationToken.None),
            () =>
            [
                harness.Reservations.TryReserveUpToAsync(Request(first, account, "0.1"), CancellationToken.None),
                harness.Reservations.TryReserveUpToAsync(Request(taken, account, "0.1"), CancellationToken.None),
                harness.Reservations.TryReserveUpToAsync(Request(second, account, "0.1"), CancellationToken.None),
            ]);

        Assert.Equal(Money.Parse("0.1"), await (Task<Money?>)reserved[1]);
        Assert.Equal(Money.Parse("0.1"), await (Task<Money?>)reserved[3]);
        var inBatch = await Assert.ThrowsAnyAsync<Exception>(() => (Task<Money?>)reserved[2]);
        Assert.Equal(alone.GetType(), inBatch.GetType());
        Assert.Equal(1, harness.Reservations.Counters.FailedBatches);
        Assert.Equal((Money.Parse("0.7"), Money.Parse("0.3")), await BalanceAsync(account));
        Assert.Equal(3, await ReadAsync(db => db.Reservations.CountAsync(r => r.AccountId == account)));
    }

    [Fact]
    public async Task Progress_is_recorded_in_a_batch_and_the_settlement_replaces_it()
    {
        await using var harness = new GroupCommitHarness(Fixture.App.Services);
        var account = await FundedAsync("1");
        var (id, closed) = (NewId(), NewId());
        await harness.Reservations.TryReserveUpToAsync(Request(id, account, "0.5"), CancellationToken.None);
        await harness.Reservations.TryReserveUpToAsync(Request(closed, account, "0.1"), CancellationToken.None);
        await harness.Reservations.SettleAsync(Call(closed, account, "0.1"), CancellationToken.None);

        var recorded = await harness.InOneBatchAsync(
            BatchKind.Progress,
            () => harness.Reservations.RecordProgressAsync(Call(NewId(), account, "0.1", UsageStatuses.InProgress), CancellationToken.None),
            () =>
            [
                harness.Reservations.RecordProgressAsync(Call(id, account, "0.2", UsageStatuses.InProgress), CancellationToken.None),
                harness.Reservations.RecordProgressAsync(Call(closed, account, "0.3", UsageStatuses.InProgress), CancellationToken.None),
            ]);
        await Task.WhenAll(recorded);

        Assert.Equal([1, 2], harness.Sql.SizesOf(BatchKind.Progress));
        var progress = await ReadAsync(db => db.UsageRecords.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.Equal((UsageStatuses.InProgress, Money.Parse("0.2"), Money.Zero), (progress.Status, progress.Cost, progress.Charged));
        Assert.True(await ReadAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.ProgressRecorded).SingleAsync()));
        var untouched = await ReadAsync(db => db.UsageRecords.AsNoTracking().SingleAsync(u => u.Id == closed));
        Assert.Equal(("succeeded", Money.Parse("0.1")), (untouched.Status, untouched.Cost));

        Assert.Equal(Money.Parse("0.3"), await harness.Reservations.SettleAsync(Call(id, account, "0.3"), CancellationToken.None));
        var settled = await ReadAsync(db => db.UsageRecords.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.Equal(("succeeded", Money.Parse("0.3"), Money.Parse("0.3")), (settled.Status, settled.Cost, settled.Charged));
        Assert.Equal(0, harness.Reservations.Counters.FailedBatches);
        Assert.Equal((Money.Parse("0.6"), Money.Zero), await BalanceAsync(account));
        await AssertReconciledAsync([account]);
    }

    [Fact]
    public async Task A_caller_that_cancels_after_queueing_still_gets_its_hold_and_one_that_cancelled_before_queues_nothing()
    {
        await using var harness = new GroupCommitHarness(Fixture.App.Services);
        var account = await FundedAsync("1");
        using var before = new CancellationTokenSource();
        await before.CancelAsync();
        using var after = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.Reservations.TryReserveUpToAsync(Request(NewId(), account, "0.1"), before.Token));
        var reserved = await harness.InOneBatchAsync(
            BatchKind.Reserve,
            () => harness.Reservations.TryReserveUpToAsync(Request(NewId(), Guid.CreateVersion7(), "0.1"), CancellationToken.None),
            () =>
            {
                var queued = harness.Reservations.TryReserveUpToAsync(Request(NewId(), account, "0.2"), after.Token);
                after.Cancel();
                return [queued];
            });

        Assert.Equal(Money.Parse("0.2"), await (Task<Money?>)reserved[1]);
        Assert.Equal((Money.Parse("0.8"), Money.Parse("0.2")), await BalanceAsync(account));
        Assert.Equal(1, harness.Reservations.OutstandingHolds);
    }

    private static string NewId() => "req_" + Guid.NewGuid().ToString("N");

    private static ReservationRequest Request(string id, Guid account, string desired, string? minimum = null) =>
        new(id, account, Key, "gpt-4o", "openai", Money.Parse(desired), Money.Parse(minimum ?? desired));

    private static CallSettlement Call(string id, Guid account, string cost, string status = "succeeded") =>
        new(id, account, Key, "gpt-4o", "openai", new TokenUsage(1000, 200, 0, 0, 0), Money.Parse(cost), 42, status, "reported");

    private async Task<Guid> FundedAsync(string usd)
    {
        var (account, _) = await SignUpAsync();
        await Admin.CreditAsync(account, usd);
        return account;
    }

    private async Task<(Money Available, Money Reserved)> BalanceAsync(Guid account)
    {
        var balance = await WithServiceAsync<IDispatcher, BalanceDto>(d => d.Query(new GetBalanceQuery(account)));
        return (Money.Parse(balance.AvailableUsd), Money.Parse(balance.ReservedUsd));
    }

    private async Task AssertReconciledAsync(IEnumerable<Guid> accounts)
    {
        var totals = await WithServiceAsync<ILedgerRepository, IReadOnlyList<LedgerTotals>>(l => l.TotalsAsync(null, CancellationToken.None));
        foreach (var account in accounts)
        {
            var row = Assert.Single(totals, t => t.AccountId == account);
            Assert.True(row.IsBalanced, $"account {account}: ledger {row.LedgerSum}, balance {row.Balance}");
        }
    }

    private Task<StaleReservationsReleasedDto> SendAsync(ICommand<StaleReservationsReleasedDto> command) =>
        WithServiceAsync<IDispatcher, StaleReservationsReleasedDto>(d => d.Send(command));

    private Task<T> ReadAsync<T>(Func<BillingDbContext, Task<T>> read) => WithServiceAsync(read);

    private Task<T> WithServiceAsync<T>(Func<BillingDbContext, Task<T>> use) => WithServiceAsync<BillingDbContext, T>(use);
}

public sealed class SqliteGroupCommitTests(SqliteBillingFixture fixture)
    : GroupCommitTests<SqliteBillingFixture>(fixture), IClassFixture<SqliteBillingFixture>;

public sealed class PostgresGroupCommitTests(PostgresBillingFixture fixture)
    : GroupCommitTests<PostgresBillingFixture>(fixture), IClassFixture<PostgresBillingFixture>;
