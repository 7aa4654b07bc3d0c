using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Abstractions;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Leases;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

/// <summary>
/// Expires holds with the same guard settlement uses: only the conditional update that flips <c>Held</c> to
/// <c>Expired</c> moves money, so the job can run on every instance at once, and a settlement racing it either
/// wins outright or, arriving later, settles only the difference (<see cref="SingleCallReservations"/>).
/// </summary>
internal sealed class StaleReservations(BillingDbContext db, HoldSettlement holds, KeyBudgetStore budgets, IUnitOfWork unitOfWork) : IStaleReservations
{
    public async Task<IReadOnlyList<string>> ListExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await SpecificationEvaluator.Apply(db.Reservations, new StaleReservationsSpec(now, limit)).ToListAsync(cancellationToken);

    /// <remarks>
    /// The statuses are listed rather than "not held", so that the (status, expires_at) index finds the rows; no order
    /// is asked for, so SQL Server's <c>DELETE TOP</c> serves as it is.
    /// </remarks>
    public Task<int> DeleteClosedAsync(DateTimeOffset expiredBefore, int limit, CancellationToken cancellationToken) =>
        ClosedBefore(db.Reservations, expiredBefore, limit).ExecuteDeleteAsync(cancellationToken);

    /// <summary>What <see cref="DeleteClosedAsync"/> deletes (its T-SQL is parsed in a test: SQL Server cannot run here).</summary>
    internal static IQueryable<Reservation> ClosedBefore(IQueryable<Reservation> reservations, DateTimeOffset expiredBefore, int limit)
    {
        ReservationStatus[] closed = [ReservationStatus.Settled, ReservationStatus.Released, ReservationStatus.Expired];
        return reservations.Where(r => closed.Contains(r.Status) && r.ExpiresAt < expiredBefore).Take(limit);
    }

    public async Task<StaleReservationRelease?> ReleaseAsync(string reservationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await db.Reservations
            .Where(r => r.Id == reservationId && r.Status == ReservationStatus.Held && r.ExpiresAt <= now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, ReservationStatus.Expired).SetProperty(r => r.ClosedAt, now),
                cancellationToken);
        if (expired == 0)
        {
            return null;
        }

        var reservation = await db.Reservations.AsNoTracking().SingleAsync(r => r.Id == reservationId, cancellationToken);
        var progress = reservation.ProgressRecorded
            ? await db.UsageRecords.AsNoTracking()
                .FirstOrDefaultAsync(u => u.Id == reservationId && u.Status == UsageStatuses.InProgress, cancellationToken)
            : null;

        // Without recorded usage nothing is known to have been delivered, and nothing is charged (Terms §6).
        var charged = await holds.ChargeAsync(reservation.AccountId, reservation.Amount, progress?.Cost ?? Money.Zero, cancellationToken);
        if (BudgetRow.Of(reservation) is { } budget)
        {
            // The key's budget gets its hold back and is charged what the balance was, as at settlement.
            await budgets.SettleAsync(budget, reservation.Amount, charged, cancellationToken);
        }

        if (progress is null)
        {
            // A balance lease is no call: it gives back what it still held and shows in no usage.
            if (!Lease.IsLease(reservationId))
            {
                db.UsageRecords.Add(UsageRecordFactory.Expired(reservation, now));
            }
        }
        else
        {
            if (charged.IsPositive)
            {
                db.LedgerEntries.Add(LedgerEntry.UsageCharge(reservation.AccountId, charged, progress.Model, reservationId, now));
            }

            await db.UsageRecords.Where(u => u.Id == reservationId).ExecuteDeleteAsync(cancellationToken);
            db.UsageRecords.Add(UsageRecordFactory.Expired(progress, charged, now));
        }

        await unitOfWork.FlushAsync(cancellationToken);
        return new StaleReservationRelease(reservationId, reservation.AccountId, reservation.Amount, charged, progress is not null);
    }
}
