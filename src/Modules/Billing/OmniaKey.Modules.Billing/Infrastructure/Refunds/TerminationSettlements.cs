using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Abstractions;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Refunds;

/// <summary>
/// The settlement row goes in first, in the command's transaction: its primary key is the account id, so a concurrent
/// duplicate delivery fails on it (or waits for the first and then fails) and rolls back before moving any money.
/// </summary>
internal sealed class TerminationSettlements(BillingDbContext db, BalanceStore balances, RefundStore refunds, IUnitOfWork unitOfWork, TimeProvider clock)
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
                await refunds.DenyPendingAsync(pending, now, cancellationToken);
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
        }, cancellationToken);

    public Task<bool> RecordAsync(TerminationSettlement settlement, CancellationToken cancellationToken) =>
        RecordInTransactionAsync(settlement, () => Task.CompletedTask, cancellationToken);

    private async Task<bool> RecordInTransactionAsync(TerminationSettlement settlement, Func<Task> work, CancellationToken cancellationToken)
    {
        db.Add(settlement);
        try
        {
            await unitOfWork.FlushAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Rolled back to its savepoint: a concurrent delivery settled the account first.
            db.Entry(settlement).State = EntityState.Detached;
            if (await ExistsAsync(settlement.AccountId, cancellationToken))
            {
                return false;
            }

            throw;
        }

        await work();
        return true;
    }
}
