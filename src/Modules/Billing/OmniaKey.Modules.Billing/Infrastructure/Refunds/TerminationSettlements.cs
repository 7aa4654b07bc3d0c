using Microsoft.EntityFrameworkCore;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Refunds;

/// <summary>
/// The settlement row goes in first in each transaction: its primary key is the account id, so a concurrent
/// duplicate delivery fails on it (or waits for the first and then fails) and rolls back before moving any money.
/// </summary>
internal sealed class TerminationSettlements(BillingDbContext db, BalanceStore balances, RefundStore refunds, TimeProvider clock)
    : ITerminationSettlements
{
    private const int MaximumDescriptionLength = 500;

    public Task<bool> ExistsAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.Set<TerminationSettlement>().AnyAsync(s => s.AccountId == accountId, cancellationToken);

    public Task<bool> ForfeitAsync(TerminationSettlement settlement, string reason, CancellationToken cancellationToken) =>
        RecordInTransactionAsync(settlement, async () =>
        {
            var now = clock.GetUtcNow();
            foreach (var pending in await refunds.ListByStatusAsync(settlement.AccountId, RefundStatus.PendingApproval, cancellationToken))
            {
                await refunds.DenyInTransactionAsync(pending, now, cancellationToken);
            }

            var forfeited = await balances.TakeUpToAsync(settlement.AccountId, Money.FromNanoUsd(long.MaxValue), cancellationToken);
            settlement.RecordForfeited(forfeited);
            if (forfeited.IsPositive)
            {
                var description = $"Forfeited on termination for material breach: {reason}";
                db.LedgerEntries.Add(LedgerEntry.Debit(
                    settlement.AccountId,
                    LedgerEntryType.Forfeiture,
                    forfeited,
                    description.Length <= MaximumDescriptionLength ? description : description[..MaximumDescriptionLength],
                    "termination",
                    now));
            }

            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

    public Task<bool> RecordAsync(TerminationSettlement settlement, CancellationToken cancellationToken) =>
        RecordInTransactionAsync(settlement, () => Task.CompletedTask, cancellationToken);

    private async Task<bool> RecordInTransactionAsync(TerminationSettlement settlement, Func<Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.Add(settlement);
            await db.SaveChangesAsync(cancellationToken);
            await work();
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (await ExistsAsync(settlement.AccountId, cancellationToken))
            {
                return false;
            }

            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
