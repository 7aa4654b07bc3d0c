using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Leases;

/// <summary>
/// A lease's row and money, one short transaction each (docs/adr/0048-balance-leases.md). A lease is a reservation
/// row (<see cref="Lease.IdPrefix"/>) whose amount is in the balance's <c>reserved</c>, exactly like a call's hold: taking
/// one is a conditional debit of the available balance, and every later step only moves money the row already holds
/// back to <c>available</c> or charges it, each guarded by the row still being <c>Held</c>. So the ledger balances at
/// every step, and whatever a crash leaves in the row, the clean-up job gives back when the row expires.
/// </summary>
internal sealed class LeaseStore(
    BillingDbContext db,
    BalanceStore balances,
    HoldSettlement holds,
    CallBooks books,
    TimeProvider clock) : ILeaseStore
{
    /// <summary>What a lease row shows in place of a model: it is no call.</summary>
    public const string LeaseModel = "(balance lease)";

    /// <inheritdoc />
    public async Task<Money?> TakeAsync(string leaseId, Guid accountId, Money target, Money minimum, int maxSharePercent, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(cancellationToken);
        var available = (await balances.FindAsync(accountId, cancellationToken))?.Available ?? Money.Zero;
        var amount = Money.Min(target, Money.FromNanoUsd(available.NanoUsd / 100 * maxSharePercent));
        if (amount < minimum || !await balances.TryHoldAsync(accountId, amount, cancellationToken))
        {
            return null;
        }

        db.Reservations.Add(new Reservation(leaseId, accountId, Guid.Empty, amount, clock.GetUtcNow(), expiresAt, LeaseModel, provider: null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return amount;
    }

    /// <inheritdoc />
    public async Task ReturnAsync(string leaseId, Guid accountId, long unlent, bool close, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(cancellationToken);
        if (unlent > 0 && await DrawAsync(leaseId, unlent, cancellationToken))
        {
            await holds.ChargeAsync(accountId, Money.FromNanoUsd(unlent), Money.Zero, cancellationToken);
        }

        if (close)
        {
            var closed = await db.Reservations
                .Where(r => r.Id == leaseId && r.Status == ReservationStatus.Held)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReservationStatus.Settled).SetProperty(r => r.ClosedAt, clock.GetUtcNow()), cancellationToken);
            var left = closed == 1 ? (await db.Reservations.AsNoTracking().SingleAsync(r => r.Id == leaseId, cancellationToken)).Amount : Money.Zero;
            if (left.IsPositive)
            {
                await holds.ChargeAsync(accountId, left, Money.Zero, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Money> SettleAsync(CallSettlement settlement, LeaseHold hold, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await BeginAsync(cancellationToken);
        var charged = await DrawAsync(hold.Lease.Id, hold.AmountNanoUsd, cancellationToken)
            ? await holds.ChargeAsync(settlement.AccountId, Money.FromNanoUsd(hold.AmountNanoUsd), settlement.Cost, cancellationToken)
            : await balances.TakeUpToAsync(settlement.AccountId, settlement.Cost, cancellationToken);
        await db.UsageRecords.Where(u => u.Id == settlement.RequestId && u.Status == UsageStatuses.InProgress).ExecuteDeleteAsync(cancellationToken);
        books.Add(settlement, charged, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return charged;
    }

    /// <inheritdoc />
    public async Task<bool> GiveOwnHoldAsync(CallSettlement call, LeaseHold hold, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(cancellationToken);
        if (!await DrawAsync(hold.Lease.Id, hold.AmountNanoUsd, cancellationToken))
        {
            return false;
        }

        db.Reservations.Add(new Reservation(
            call.RequestId, call.AccountId, call.KeyId, Money.FromNanoUsd(hold.AmountNanoUsd), clock.GetUtcNow(), expiresAt, call.Model, call.Provider));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Each step is one transaction that commits or rolls back whole: EF's savepoint around each save would only add
    /// two statements to it.
    /// </summary>
    private Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        db.Database.AutoSavepointsEnabled = false;
        return db.Database.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>Takes <paramref name="amount"/> out of the lease row if it is still held and holds that much.</summary>
    /// <remarks>
    /// In SQL because the amount is <see cref="Money"/> behind a value converter, whose arithmetic EF cannot translate;
    /// the table and column names come from the model, so the statement suits every provider.
    /// </remarks>
    private async Task<bool> DrawAsync(string leaseId, long amount, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(DrawSql(db), [amount, leaseId, nameof(ReservationStatus.Held)], cancellationToken) == 1;

    private static string DrawSql(BillingDbContext db)
    {
        var reservations = db.Model.FindEntityType(typeof(Reservation))!;
        var table = StoreObjectIdentifier.Table(reservations.GetTableName()!, reservations.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(reservations.FindProperty(property)!.GetColumnName(table)!);
        var amount = Column(nameof(Reservation.Amount));
        return $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {amount} = {amount} - {{0}} "
            + $"WHERE {Column(nameof(Reservation.Id))} = {{1}} AND {Column(nameof(Reservation.Status))} = {{2}} AND {amount} >= {{0}}";
    }
}
