using Microsoft.EntityFrameworkCore;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

/// <summary>
/// Every change of a key budget row, each one a single conditional <c>UPDATE</c> — the balance's discipline
/// (<see cref="BalanceStore"/>): the database decides on the row it has locked, so parallel calls on any number of
/// instances cannot overrun a budget (docs/adr/0033-key-budgets.md).
/// </summary>
internal sealed class KeyBudgetStore(BillingDbContext db)
{
    /// <summary>Whether the key's row for the period exists yet (created by the first hold of the period).</summary>
    public Task<bool> ExistsAsync(BudgetRow row, CancellationToken cancellationToken) => Find(row).AnyAsync(cancellationToken);

    /// <summary>What the budget can still hold now: the limit less what is spent and reserved, never below zero.</summary>
    public async Task<Money> RemainingAsync(BudgetRow row, Money limit, CancellationToken cancellationToken)
    {
        var used = await Find(row).Select(b => (long?)(b.SpentNanoUsd + b.ReservedNanoUsd)).FirstOrDefaultAsync(cancellationToken) ?? 0;
        return Money.Max(Money.Zero, limit - Money.FromNanoUsd(used));
    }

    /// <summary>Reserves <paramref name="hold"/> on the budget if, and only if, spent + reserved + hold stays within the limit.</summary>
    public async Task<bool> TryReserveAsync(BudgetRow row, Money hold, Money limit, CancellationToken cancellationToken)
    {
        var amount = hold.NanoUsd;
        var room = limit.NanoUsd - amount;
        var updated = await Find(row)
            .Where(b => b.SpentNanoUsd + b.ReservedNanoUsd <= room)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ReservedNanoUsd, b => b.ReservedNanoUsd + amount), cancellationToken);
        return updated == 1;
    }

    /// <summary>
    /// Releases a hold and charges what the balance was charged for it, as the balance's settlement does. The charge
    /// is not checked against the limit: it is what the call cost (capped only by the balance), so a call whose cost
    /// exceeded its hold takes the budget over its limit by at most that excess, exactly as it took the balance.
    /// </summary>
    public async Task SettleAsync(BudgetRow row, Money hold, Money charged, CancellationToken cancellationToken)
    {
        var release = hold.NanoUsd;
        var charge = charged.NanoUsd;
        var updated = await Find(row)
            .Where(b => b.ReservedNanoUsd >= release)
            .ExecuteUpdateAsync(
                s => s.SetProperty(b => b.ReservedNanoUsd, b => b.ReservedNanoUsd - release)
                      .SetProperty(b => b.SpentNanoUsd, b => b.SpentNanoUsd + charge),
                cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Key {row.KeyId}'s budget for {row.Period} from {row.PeriodStart:O} does not hold {hold} USD.");
        }
    }

    /// <summary>Charges a late settlement's remainder (its hold was already released by the clean-up job).</summary>
    public Task<int> ChargeAsync(BudgetRow row, Money charged, CancellationToken cancellationToken)
    {
        var charge = charged.NanoUsd;
        return Find(row).ExecuteUpdateAsync(s => s.SetProperty(b => b.SpentNanoUsd, b => b.SpentNanoUsd + charge), cancellationToken);
    }

    private IQueryable<KeyBudgetUsage> Find(BudgetRow row) =>
        db.KeyBudgets.Where(b => b.KeyId == row.KeyId && b.Period == row.Period && b.PeriodStart == row.PeriodStart);
}

/// <summary>One key's budget row: the key, its period and the period's start (UTC).</summary>
internal readonly record struct BudgetRow(Guid KeyId, string Period, DateTimeOffset PeriodStart)
{
    public static string PeriodName(Contracts.KeyBudgetPeriod period) => KeyBudgetPeriods.Name(period);

    /// <summary>The row a reservation reserved on, or null when its key had no budget.</summary>
    public static BudgetRow? Of(Reservation reservation) =>
        reservation is { BudgetPeriod: { } period, BudgetPeriodStart: { } start } ? new BudgetRow(reservation.KeyId, period, start) : null;
}
