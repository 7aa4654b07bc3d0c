using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Billing.Specifications;

/// <summary>
/// The filters the background sweeps and the refund checks select rows by — due refunds, stale holds, open refunds —
/// on the real SQLite schema through <see cref="SpecificationEvaluator"/>, and in memory on the same rows: both must
/// agree, at the boundaries (a millisecond apart: SQLite keeps times to a tenth of a millisecond).
/// </summary>
public sealed class SweepSpecTests : ModuleTestBase
{
    private static readonly DateTimeOffset Now = ModuleTestHost.Start;
    private static readonly Guid Account = Guid.CreateVersion7();

    [Fact]
    public async Task Due_refunds_are_approved_ones_not_waiting_and_processing_ones_whose_lease_ended_oldest_first()
    {
        var approved = await RefundAsync(RefundStatus.Approved, null, minutesAgo: 9);
        var retryNow = await RefundAsync(RefundStatus.Approved, Now, minutesAgo: 8);
        await RefundAsync(RefundStatus.Approved, Now.AddMilliseconds(1), minutesAgo: 7);
        var leaseEnded = await RefundAsync(RefundStatus.Processing, Now, minutesAgo: 6);
        await RefundAsync(RefundStatus.Processing, Now.AddSeconds(1), minutesAgo: 5);
        await RefundAsync(RefundStatus.PendingApproval, null, minutesAgo: 4);
        await RefundAsync(RefundStatus.Succeeded, null, minutesAgo: 3);
        await RefundAsync(RefundStatus.Failed, null, minutesAgo: 2);
        await RefundAsync(RefundStatus.Denied, null, minutesAgo: 1);

        await AssertSelectsAsync<Refund, Guid>(new DueRefundsSpec(Now, 10), [approved, retryNow, leaseEnded]);
        await AssertSelectsAsync<Refund, Guid>(new DueRefundsSpec(Now, 2), [approved, retryNow]);
    }

    [Fact]
    public async Task Stale_reservations_are_held_ones_expired_by_now_oldest_expiry_first()
    {
        await ReservationAsync("expires-later", Now.AddMilliseconds(1));
        await ReservationAsync("expires-now", Now);
        await ReservationAsync("expired-long-ago", Now.AddMinutes(-30));
        await ReservationAsync("settled", Now.AddMinutes(-40), ReservationStatus.Settled);
        await ReservationAsync("released", Now.AddMinutes(-40), ReservationStatus.Released);
        await ReservationAsync("already-expired", Now.AddMinutes(-40), ReservationStatus.Expired);

        await AssertSelectsAsync<Reservation, string>(new StaleReservationsSpec(Now, 10), ["expired-long-ago", "expires-now"]);
        await AssertSelectsAsync<Reservation, string>(new StaleReservationsSpec(Now, 1), ["expired-long-ago"]);
    }

    [Fact]
    public async Task Open_refunds_are_exactly_the_ones_the_domain_calls_open_of_that_account()
    {
        foreach (var status in Enum.GetValues<RefundStatus>())
        {
            await RefundAsync(status, null, minutesAgo: 1);
        }

        await RefundAsync(RefundStatus.Approved, null, minutesAgo: 1, Guid.CreateVersion7());
        var all = await Host.ReadAsync<BillingDbContext, List<Refund>>(db => db.Set<Refund>().AsNoTracking().ToListAsync());
        var open = all.Where(r => r.AccountId == Account && r.IsOpen).Select(r => r.Id).Order().ToList();

        Assert.Equal(3, open.Count);
        var inSql = await Host.ReadAsync<BillingDbContext, List<Refund>>(
            db => SpecificationEvaluator.Apply(db.Set<Refund>(), new OpenRefundsSpec(Account)).ToListAsync());
        Assert.Equal(open, inSql.Select(r => r.Id).Order());
        Assert.Equal(open, new OpenRefundsSpec(Account).Evaluate(all).Select(r => r.Id).Order());
    }

    /// <summary>The specification selects <paramref name="expected"/>, in that order, in SQL and in memory alike.</summary>
    private async Task AssertSelectsAsync<T, TResult>(ISpecification<T, TResult> specification, IReadOnlyList<TResult> expected)
        where T : class
    {
        var inSql = await Host.ReadAsync<BillingDbContext, List<TResult>>(db => SpecificationEvaluator.Apply(db.Set<T>(), specification).ToListAsync());
        var rows = await Host.ReadAsync<BillingDbContext, List<T>>(db => db.Set<T>().AsNoTracking().ToListAsync());

        Assert.Equal(expected, inSql);
        Assert.Equal(expected, specification.Evaluate(rows));
    }

    private Task<Guid> RefundAsync(RefundStatus status, DateTimeOffset? nextAttemptAt, int minutesAgo, Guid? accountId = null) =>
        Host.WithServiceAsync<BillingDbContext, Guid>(async db =>
        {
            var refund = Refund.Request(accountId ?? Account, Money.Parse("1"), RefundOrigin.Customer, null, approved: false, Now.AddMinutes(-minutesAgo));
            db.Add(refund);
            await db.SaveChangesAsync();
            await db.Set<Refund>()
                .Where(r => r.Id == refund.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.NextAttemptAt, nextAttemptAt));
            return refund.Id;
        });

    private Task<int> ReservationAsync(string id, DateTimeOffset expiresAt, ReservationStatus status = ReservationStatus.Held) =>
        Host.WithServiceAsync<BillingDbContext, int>(async db =>
        {
            db.Reservations.Add(new Reservation(id, Account, Guid.CreateVersion7(), Money.Parse("0.1"), expiresAt.AddMinutes(-15), expiresAt));
            await db.SaveChangesAsync();
            return await db.Reservations.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status));
        });
}
