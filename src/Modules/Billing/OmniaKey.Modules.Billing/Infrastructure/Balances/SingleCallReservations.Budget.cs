using Microsoft.EntityFrameworkCore;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

/// <summary>The hold of a call whose key has a budget (docs/adr/0033-key-budgets.md).</summary>
internal sealed partial class SingleCallReservations
{
    private const int BudgetAttempts = 3;

    /// <summary>
    /// Debits the balance and reserves on the key's budget for the hold's period in one transaction, both by
    /// conditional updates (balance first, then budget: the order settlement and expiry lock them in), so both or
    /// neither happen. The hold is the desired amount if both cover it, else what both still cover if that reaches
    /// the minimum; a lost race re-reads and tries again. A budget short of the minimum throws
    /// <see cref="KeySpendLimitReachedException"/>; a balance short of it answers null, as without a budget.
    /// </summary>
    private async Task<Money?> ReserveWithBudgetAsync(ReservationRequest request, KeyBudget budget, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var row = new BudgetRow(request.KeyId, BudgetRow.PeriodName(budget.Period), budget.PeriodStart(now));
        await EnsureBudgetRowAsync(row, request.AccountId, cancellationToken);

        var hold = request.Desired;
        for (var attempt = 0; attempt < BudgetAttempts; attempt++)
        {
            if (await TryHoldWithBudgetAsync(request, row, hold, budget.Limit, now, cancellationToken))
            {
                return hold;
            }

            var remaining = await budgets.RemainingAsync(row, budget.Limit, cancellationToken);
            if (remaining < request.Minimum || !remaining.IsPositive)
            {
                throw new KeySpendLimitReachedException(budget.Limit, remaining);
            }

            var available = (await balances.FindAsync(request.AccountId, cancellationToken))?.Available ?? Money.Zero;
            if (available < request.Minimum || !available.IsPositive)
            {
                return null;
            }

            hold = Money.Min(request.Desired, Money.Min(remaining, available));
        }

        return null;
    }

    /// <summary>
    /// Creates the key's row for the period if it does not exist yet, in a statement of its own (outside the hold's
    /// transaction, so that transaction only ever updates rows). Safe under concurrent callers.
    /// </summary>
    private async Task EnsureBudgetRowAsync(BudgetRow row, Guid accountId, CancellationToken cancellationToken)
    {
        if (await budgets.ExistsAsync(row, cancellationToken))
        {
            return;
        }

        var usage = new KeyBudgetUsage(row.KeyId, row.Period, row.PeriodStart, accountId);
        db.KeyBudgets.Add(usage);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another call created it first: that is the outcome we wanted.
        }
        finally
        {
            db.Entry(usage).State = EntityState.Detached;
        }
    }

    private async Task<bool> TryHoldWithBudgetAsync(
        ReservationRequest request, BudgetRow row, Money hold, Money limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Disposing the transaction without committing rolls back whatever of the two updates did apply.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await balances.TryHoldAsync(request.AccountId, hold, cancellationToken)
            || !await budgets.TryReserveAsync(row, hold, limit, cancellationToken))
        {
            return false;
        }

        await ThrowIfRateLimitedAsync(request, now, cancellationToken);
        db.Reservations.Add(new Reservation(
            request.RequestId, request.AccountId, request.KeyId, hold, now, now + settings.TimeToLive, request.Model, request.Provider, row.Period, row.PeriodStart, request.Rate?.Tokens));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
