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

            settlement.RecordForfeited(await ForfeitAvailableAsync(settlement.AccountId, $"Forfeited on termination for material breach: {reason}", cancellationToken));
        }, cancellationToken);

    public Task<bool> RecordAsync(TerminationSettlement settlement, CancellationToken cancellationToken) =>
        RecordInTransactionAsync(settlement, () => Task.CompletedTask, cancellationToken);

    public Task<TerminationSettlement?> FindAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.Set<TerminationSettlement>().SingleOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);

    public async Task<IReadOnlyList<Guid>> ListWithMoneyLeftAsync(DateTimeOffset settledSince, CancellationToken cancellationToken) =>
        await db.Set<TerminationSettlement>().AsNoTracking()
            .Where(s => s.SettledAt >= settledSince)
            .Join(db.Balances.AsNoTracking(), s => s.AccountId, b => b.AccountId, (s, b) => b)
            .Where(b => b.AvailableNanoUsd > 0 && b.ReservedNanoUsd == 0)
            .Select(b => b.AccountId)
            .ToListAsync(cancellationToken);

    /// <remarks>
    /// What came back is the available balance less what was credited since the settlement (an operator's credit to a
    /// terminated account is theirs to decide on, not forfeited): holds returning leave no ledger entry, credits do.
    /// The take is conditional on leaving those credits in place, so a concurrent run finds nothing left to take.
    /// </remarks>
    public async Task<Money> ForfeitRemainderAsync(TerminationSettlement settlement, CancellationToken cancellationToken)
    {
        var accountId = settlement.AccountId;
        var since = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.CreatedAt > settlement.SettledAt)
            .Select(e => e.Amount)
            .ToListAsync(cancellationToken);
        var credited = since.Where(a => a.IsPositive).Sum(a => a.NanoUsd);
        var available = (await balances.FindAsync(accountId, cancellationToken))?.AvailableNanoUsd ?? 0;
        var take = available - credited;
        if (take <= 0)
        {
            return Money.Zero;
        }

        var taken = await db.Balances
            .Where(b => b.AccountId == accountId && b.AvailableNanoUsd - take >= credited)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.AvailableNanoUsd, b => b.AvailableNanoUsd - take), cancellationToken);
        if (taken != 1)
        {
            return Money.Zero; // the balance moved since it was read: the next run looks again
        }

        // Each entry needs its own reference (one per account, type and reference): the next free remainder number.
        var remainders = await db.LedgerEntries.AsNoTracking()
            .CountAsync(e => e.AccountId == accountId && e.Type == LedgerEntryType.Forfeiture, cancellationToken);
        var forfeited = Money.FromNanoUsd(take);
        AddForfeitureEntry(accountId, forfeited, "Forfeited on termination for material breach: money that came back after it", $"termination-remainder-{remainders}");
        settlement.AddForfeited(forfeited);
        await unitOfWork.FlushAsync(cancellationToken);
        return forfeited;
    }

    /// <summary>Takes what is available (a conditional update: a concurrent run takes the rest, never the same money).</summary>
    private async Task<Money> ForfeitAvailableAsync(Guid accountId, string description, CancellationToken cancellationToken)
    {
        var forfeited = await balances.TakeUpToAsync(accountId, Money.FromNanoUsd(long.MaxValue), cancellationToken);
        if (forfeited.IsPositive)
        {
            AddForfeitureEntry(accountId, forfeited, description, "termination");
        }

        return forfeited;
    }

    private void AddForfeitureEntry(Guid accountId, Money forfeited, string description, string reference) =>
        db.LedgerEntries.Add(LedgerEntry.Debit(
            accountId,
            LedgerEntryType.Forfeiture,
            forfeited,
            description.Length <= MaximumDescriptionLength ? description : description[..MaximumDescriptionLength],
            reference,
            clock.GetUtcNow()));

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
