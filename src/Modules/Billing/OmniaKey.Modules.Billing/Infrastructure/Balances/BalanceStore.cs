using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Abstractions;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

/// <summary>
/// Every change of a balance row, each one a single conditional <c>UPDATE</c> so that concurrent calls on any
/// number of instances can never overspend: the database decides, not a value read earlier.
/// </summary>
internal sealed class BalanceStore(BillingDbContext db, IUnitOfWork unitOfWork, TimeProvider clock) : IBalanceStore
{
    /// <summary>Creates the account's balance row if it does not exist yet. Safe under concurrent callers.</summary>
    public async Task EnsureExistsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        if (await db.Balances.AnyAsync(b => b.AccountId == accountId, cancellationToken))
        {
            return;
        }

        var balance = new BalanceAccount(accountId, clock.GetUtcNow());
        db.Balances.Add(balance);
        try
        {
            await unitOfWork.FlushAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request created it first: that is the outcome we wanted (the insert rolled back to its savepoint).
            db.Entry(balance).State = EntityState.Detached;
        }
    }

    public async Task<LedgerEntry> CreditAsync(LedgerEntry credit, CancellationToken cancellationToken)
    {
        if (await FindEntryAsync(credit, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        await EnsureExistsAsync(credit.AccountId, cancellationToken);
        db.LedgerEntries.Add(credit);
        try
        {
            await unitOfWork.FlushAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent duplicate won the unique (account, type, reference) index; ours moved nothing.
            db.Entry(credit).State = EntityState.Detached;
            return await FindEntryAsync(credit, cancellationToken)
                ?? throw new InvalidOperationException($"Crediting account {credit.AccountId} failed.");
        }

        await AddAvailableAsync(credit.AccountId, credit.Amount, cancellationToken);
        return credit;
    }

    private Task<LedgerEntry?> FindEntryAsync(LedgerEntry entry, CancellationToken cancellationToken) =>
        db.LedgerEntries.AsNoTracking().FirstOrDefaultAsync(
            e => e.AccountId == entry.AccountId && e.Type == entry.Type && e.Reference == entry.Reference,
            cancellationToken);

    private Task<int> AddAvailableAsync(Guid accountId, Money amount, CancellationToken cancellationToken) =>
        db.Balances.Where(b => b.AccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.AvailableNanoUsd, b => b.AvailableNanoUsd + amount.NanoUsd), cancellationToken);

    /// <summary>Moves <paramref name="hold"/> from available to reserved if, and only if, available covers it.</summary>
    public async Task<bool> TryHoldAsync(Guid accountId, Money hold, CancellationToken cancellationToken)
    {
        var amount = hold.NanoUsd;
        var updated = await db.Balances
            .Where(b => b.AccountId == accountId && b.AvailableNanoUsd >= amount)
            .ExecuteUpdateAsync(
                s => s.SetProperty(b => b.AvailableNanoUsd, b => b.AvailableNanoUsd - amount)
                      .SetProperty(b => b.ReservedNanoUsd, b => b.ReservedNanoUsd + amount),
                cancellationToken);
        return updated == 1;
    }

    /// <summary>
    /// Releases <paramref name="hold"/> and charges <paramref name="charge"/> in one step, only if available stays
    /// non-negative. Returns false when it would not; the caller then charges less.
    /// </summary>
    public async Task<bool> TrySettleAsync(Guid accountId, Money hold, Money charge, CancellationToken cancellationToken)
    {
        var release = hold.NanoUsd;
        var delta = hold.NanoUsd - charge.NanoUsd;
        var updated = await db.Balances
            .Where(b => b.AccountId == accountId && b.AvailableNanoUsd + delta >= 0 && b.ReservedNanoUsd >= release)
            .ExecuteUpdateAsync(
                s => s.SetProperty(b => b.AvailableNanoUsd, b => b.AvailableNanoUsd + delta)
                      .SetProperty(b => b.ReservedNanoUsd, b => b.ReservedNanoUsd - release),
                cancellationToken);
        return updated == 1;
    }

    /// <summary>
    /// Takes up to <paramref name="wanted"/> from the available balance, never below zero, and returns what it took.
    /// Runs in the caller's transaction, so the ledger entry for it commits or rolls back together with it.
    /// </summary>
    public async Task<Money> TakeUpToAsync(Guid accountId, Money wanted, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var take = Money.Min(wanted, (await FindAsync(accountId, cancellationToken))?.Available ?? Money.Zero);
            if (!take.IsPositive)
            {
                return Money.Zero;
            }

            var amount = take.NanoUsd;
            var updated = await db.Balances
                .Where(b => b.AccountId == accountId && b.AvailableNanoUsd >= amount)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.AvailableNanoUsd, b => b.AvailableNanoUsd - amount), cancellationToken);
            if (updated == 1)
            {
                return take;
            }
        }

        throw new InvalidOperationException($"Could not take {wanted} USD from account {accountId}: its balance kept changing.");
    }

    public Task<BalanceAccount?> FindAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.Balances.AsNoTracking().FirstOrDefaultAsync(b => b.AccountId == accountId, cancellationToken);
}
