using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Jobs;
using OmniaKey.Modules.Billing.Infrastructure.Leases;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// Balance leases on PostgreSQL (docs/adr/0048-balance-leases.md): a plain key's call holds from its account's lease,
/// in memory; the lease is a hold in the database like any other, so a reader of the balance, a crash, a call that
/// runs long or costs more than its hold, and many calls racing for a small balance all leave the ledger exact.
/// The database is read directly here, not through the app's money reads, which would give the lease back first.
/// </summary>
public sealed class BalanceLeaseTests(BalanceLeaseFixture fixture) : BillingTestBase<BalanceLeaseFixture>(fixture), IClassFixture<BalanceLeaseFixture>
{
    private static readonly Guid KeyId = Guid.NewGuid();

    [Fact]
    public async Task Plain_calls_hold_from_one_lease_and_a_balance_read_shows_only_what_they_cost()
    {
        await Admin.CreditAsync(AccountId, "10");

        // The account's first call holds on its own and has a lease of sixteen such holds taken for the next ones.
        var lease = await FirstCallTakesALeaseAsync("0.01");
        Assert.StartsWith(Lease.IdPrefix, lease.Id, StringComparison.Ordinal);
        Assert.Equal(Money.Parse("0.16"), lease.Amount);
        var calls = Enumerable.Range(0, 5).Select(i => $"req_lease_{i}").ToList();
        foreach (var call in calls)
        {
            Assert.Equal(Money.Parse("0.01"), await ReserveAsync(call, "0.01"));
        }

        // Lent from the lease: no reservation of their own, and nothing more reserved.
        var rows = await ReservationsAsync();
        Assert.Equal([lease.Id, FirstCall, SecondCall], rows.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal((ReservationStatus.Held, Money.Parse("0.16")), (rows.Single(r => r.Id == lease.Id).Status, rows.Single(r => r.Id == lease.Id).Amount));
        Assert.Equal(Money.Parse("0.16"), (await BalanceRowAsync()).Reserved);

        foreach (var call in calls)
        {
            Assert.Equal(Money.Parse("0.004"), await SettleAsync(call, "0.004"));
        }

        Assert.Equal(("9.98", "0"), await Customer.GetBalanceAsync());
        var closed = (await ReservationsAsync()).Single(r => r.Id == lease.Id);
        Assert.Equal((ReservationStatus.Settled, Money.Zero), (closed.Status, closed.Amount));
        Assert.Equal([FirstCall, .. calls, SecondCall], (await UsageAsync()).Select(u => u["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(5, (await LedgerOfTypeAsync("usage")).Count);
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_lease_that_ran_dry_is_followed_by_a_bigger_one_but_never_more_than_a_quarter_of_the_balance()
    {
        await Admin.CreditAsync(AccountId, "1");
        var first = await FirstCallTakesALeaseAsync("0.01");
        Assert.Equal(Money.Parse("0.16"), first.Amount);
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(Money.Parse("0.01"), await ReserveAsync($"req_lent_{i}", "0.01"));
        }

        // The seventeenth finds the lease dry within a second of its taking: the next is sized for 32 holds (0.32),
        // but a quarter of what is available (1 - 0.16 - this call's own 0.01) is 0.2075.
        Assert.Equal(Money.Parse("0.01"), await ReserveAsync("req_own", "0.01"));
        Reservation? second = null;
        for (var i = 0; i < 100 && second is null; i++)
        {
            second = (await ReservationsAsync()).SingleOrDefault(r => Lease.IsLease(r.Id) && r.Id != first.Id);
            await Task.Delay(second is null ? 50 : 0);
        }

        Assert.NotNull(second);
        Assert.InRange(second.Amount.NanoUsd, Money.Parse("0.2075").NanoUsd, Money.Parse("0.21").NanoUsd); // 0.21 before the own hold landed
    }

    [Fact]
    public async Task A_balance_read_while_a_lease_is_being_taken_waits_for_it_and_shows_it_given_back()
    {
        await Admin.CreditAsync(AccountId, "10");
        Assert.Equal(Money.Parse("0.01"), await ReserveAsync(FirstCall, "0.01"));

        // Another transaction holds the balance row, so the lease the second call starts taking (and its own hold)
        // wait in the database: the take is in flight when the reader asks.
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var blocker = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        var rowLock = await blocker.Database.BeginTransactionAsync();
        await blocker.Database.ExecuteSqlAsync($"SELECT 1 FROM billing.balances WHERE account_id = {AccountId} FOR UPDATE");
        var second = ReserveAsync(SecondCall, "0.01");
        await WaitForLockWaitersAsync(2);

        var read = Customer.GetBalanceAsync();
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.NotSame(read, finished); // it waits for the take (which waits for the row), rather than read around it
        await rowLock.CommitAsync();
        await rowLock.DisposeAsync();

        Assert.Equal(Money.Parse("0.01"), await second);
        Assert.Equal(("9.98", "0.02"), await read);
        Assert.DoesNotContain(await ReservationsAsync(), r => Lease.IsLease(r.Id) && r.Status == ReservationStatus.Held && r.Amount > Money.Zero);
        await SettleAsync(FirstCall, "0");
        await SettleAsync(SecondCall, "0");
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_balance_too_small_to_fund_a_lease_gets_holds_of_their_own()
    {
        // A quarter of 0.3 cannot cover sixteen holds of 0.01: no lease, and each call holds exactly, on its own row.
        await Admin.CreditAsync(AccountId, "0.3");
        Assert.Equal(Money.Parse("0.01"), await ReserveAsync("req_own_1", "0.01"));
        Assert.Equal(Money.Parse("0.01"), await ReserveAsync("req_own_2", "0.01"));

        Assert.Equal(["req_own_1", "req_own_2"], (await ReservationsAsync()).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Money.Parse("0.007"), await SettleAsync("req_own_1", "0.007"));
        Assert.Equal(Money.Parse("0.01"), await SettleAsync("req_own_2", "0.01"));
        Assert.Equal(("0.283", "0"), await Customer.GetBalanceAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_dead_process_leaves_its_lease_to_the_job_which_gives_back_all_that_was_not_charged()
    {
        await Admin.CreditAsync(AccountId, "1");
        var lease = await FirstCallTakesALeaseAsync("0.01");
        await ReserveAsync("req_settled", "0.01");
        await ReserveAsync("req_dead", "0.01"); // its process "dies": it never settles
        await SettleAsync("req_settled", "0.004");

        // The read gives back what the lease had not lent; the dead call's hold stays held in the lease's row.
        Assert.Equal(("0.986", "0.01"), await Customer.GetBalanceAsync());
        lease = (await ReservationsAsync()).Single(r => r.Id == lease.Id);
        Assert.Equal((ReservationStatus.Held, Money.Parse("0.01")), (lease.Status, lease.Amount));

        await WithDbAsync(db => db.Reservations.Where(r => r.Id == lease.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await RunJobAsync();

        Assert.Equal(("0.996", "0"), await Customer.GetBalanceAsync());
        Assert.Equal(ReservationStatus.Expired, (await ReservationsAsync()).Single(r => r.Id == lease.Id).Status);
        Assert.Equal([FirstCall, SecondCall, "req_settled"], (await UsageAsync()).Select(u => u["id"]!.GetValue<string>()).Order(StringComparer.Ordinal)); // a lease is no call
        await AssertLedgerBalancedAsync();

        // The call was alive after all: it settles late, from the available balance, once.
        Assert.Equal(Money.Parse("0.005"), await SettleAsync("req_dead", "0.005"));
        Assert.Equal(("0.991", "0"), await Customer.GetBalanceAsync());
        Assert.Equal(4, (await UsageAsync()).Count);
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_call_that_records_progress_takes_its_hold_out_of_the_lease_into_a_reservation_of_its_own()
    {
        await Admin.CreditAsync(AccountId, "10");
        var lease = await FirstCallTakesALeaseAsync("0.02");
        Assert.Equal(Money.Parse("0.32"), lease.Amount);
        await ReserveAsync("req_long", "0.02");

        await WithServiceAsync<IBalanceReservations, bool>(async r =>
        {
            await r.RecordProgressAsync(Call("req_long", "0.003", "in_progress", "estimated"), CancellationToken.None);
            return true;
        });

        var rows = (await ReservationsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(Money.Parse("0.3"), rows[lease.Id].Amount);
        Assert.Equal((ReservationStatus.Held, Money.Parse("0.02"), true), (rows["req_long"].Status, rows["req_long"].Amount, rows["req_long"].ProgressRecorded));
        Assert.Equal("in_progress", (await UsageAsync()).Single(u => u["id"]!.GetValue<string>() == "req_long")["status"]!.GetValue<string>());

        Assert.Equal(Money.Parse("0.012"), await SettleAsync("req_long", "0.012"));
        Assert.Equal(("9.988", "0"), await Customer.GetBalanceAsync());
        Assert.Equal(ReservationStatus.Settled, (await ReservationsAsync()).Single(r => r.Id == "req_long").Status);
        Assert.Equal("succeeded", (await UsageAsync()).Single(u => u["id"]!.GetValue<string>() == "req_long")["status"]!.GetValue<string>());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_cost_above_the_lent_hold_is_charged_in_full_from_the_balance()
    {
        await Admin.CreditAsync(AccountId, "1");
        await FirstCallTakesALeaseAsync("0.01");
        await ReserveAsync("req_over", "0.01");

        Assert.Equal(Money.Parse("0.015"), await SettleAsync("req_over", "0.015"));
        Assert.Equal(("0.985", "0"), await Customer.GetBalanceAsync());
        await AssertLedgerBalancedAsync();
    }

    /// <summary>
    /// Three hundred calls race for a balance that covers a hundred holds: leases, their returns and the holds of
    /// their own that follow when no lease fits may interleave however they like, but no call is admitted that the
    /// balance did not cover, and the balance ends at exactly what the admitted calls did not cost.
    /// </summary>
    [Fact]
    public async Task Many_calls_racing_for_a_small_balance_never_overspend_it_and_the_ledger_stays_exact()
    {
        await Admin.CreditAsync(AccountId, "1");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var id = $"req_race_{i}";
            if (await ReserveAsync(id, "0.01") is null)
            {
                return false;
            }

            await SettleAsync(id, "0.01");
            return true;
        })));

        var admitted = outcomes.Count(o => o);
        Assert.InRange(admitted, 75, 100);
        Assert.Equal(((Money.Parse("1") - Money.FromCents(admitted)).ToString(), "0"), await Customer.GetBalanceAsync());
        Assert.Equal(admitted, (await LedgerOfTypeAsync("usage")).Count);
        Assert.All(await ReservationsAsync(), r => Assert.Equal(ReservationStatus.Settled, r.Status));
        await AssertLedgerBalancedAsync();
    }

    private const string FirstCall = "req_first";

    private const string SecondCall = "req_second";

    /// <summary>
    /// The account's first two calls: each holds on its own; the second, soon after the first, has a lease taken in the
    /// background for the calls after it. Both settle at no cost. Returns the lease's row once it is there.
    /// </summary>
    private async Task<Reservation> FirstCallTakesALeaseAsync(string hold)
    {
        Assert.Equal(Money.Parse(hold), await ReserveAsync(FirstCall, hold));
        Assert.DoesNotContain(await ReservationsAsync(), r => Lease.IsLease(r.Id)); // a lone call takes no lease
        Assert.Equal(Money.Parse(hold), await ReserveAsync(SecondCall, hold));
        Reservation? lease = null;
        for (var i = 0; i < 100 && lease is null; i++)
        {
            lease = (await ReservationsAsync()).SingleOrDefault(r => Lease.IsLease(r.Id) && r.Status == ReservationStatus.Held);
            await Task.Delay(lease is null ? 50 : 0);
        }

        Assert.Equal(Money.Zero, await SettleAsync(FirstCall, "0"));
        Assert.Equal(Money.Zero, await SettleAsync(SecondCall, "0"));
        return lease ?? throw new Xunit.Sdk.XunitException("No lease was taken within 5 seconds of the account's first call.");
    }

    private Task<Money?> ReserveAsync(string requestId, string hold) =>
        WithServiceAsync<IBalanceReservations, Money?>(r => r.TryReserveUpToAsync(
            new ReservationRequest(requestId, AccountId, KeyId, "gpt-4o", "openai", Money.Parse(hold), Money.Parse(hold)),
            CancellationToken.None));

    private Task<Money> SettleAsync(string requestId, string cost) =>
        WithServiceAsync<IBalanceReservations, Money>(r => r.SettleAsync(Call(requestId, cost, "succeeded", "reported"), CancellationToken.None));

    private CallSettlement Call(string requestId, string cost, string status, string source) =>
        new(requestId, AccountId, KeyId, "gpt-4o", "openai", new TokenUsage(1000, 400, 0, 0, 0), Money.Parse(cost), 1200, status, source);

    private Task<List<Reservation>> ReservationsAsync() =>
        WithDbAsync(db => db.Reservations.AsNoTracking().Where(r => r.AccountId == AccountId).ToListAsync());

    private Task<BalanceAccount> BalanceRowAsync() =>
        WithDbAsync(db => db.Balances.AsNoTracking().SingleAsync(b => b.AccountId == AccountId));

    private async Task<List<JsonNode>> UsageAsync()
    {
        using var response = await Customer.GetAsync("/api/v1/usage");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return [.. (await response.ReadJsonNodeAsync())["data"]!.AsArray().Select(n => n!.DeepClone())];
    }

    /// <summary>Waits until <paramref name="count"/> sessions of the bench database wait for a lock.</summary>
    private async Task WaitForLockWaitersAsync(int count)
    {
        for (var i = 0; i < 1200; i++)
        {
            var waiting = await WithDbAsync(db => db.Database
                .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .SingleAsync());
            if (waiting >= count)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new Xunit.Sdk.XunitException($"Fewer than {count} sessions came to wait for the balance row within 30 seconds.");
    }

    /// <summary>Runs the clean-up job the way its Hangfire server would: a fresh scope, the job class, its one method.</summary>
    private async Task RunJobAsync()
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ReleaseStaleReservationsJob>(scope.ServiceProvider).RunAsync();
    }

    /// <summary>The tables as they are, without the app's read barrier (which would give the lease back first).</summary>
    private async Task<T> WithDbAsync<T>(Func<BillingDbContext, Task<T>> work)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BillingDbContext>());
    }
}

/// <summary>Billing on PostgreSQL, whose group commit lends from balance leases, with the default lease settings.</summary>
public sealed class BalanceLeaseFixture() : BillingFixture(DatabaseKind.Postgres);
