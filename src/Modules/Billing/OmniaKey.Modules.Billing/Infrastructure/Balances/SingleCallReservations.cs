using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

/// <summary>
/// Reserve → settle for one API call. The reservation row makes settlement exactly-once: only the caller that flips
/// it from <c>Held</c> (or, late, from <c>Expired</c>) to <c>Settled</c> moves money, and it does so in the same
/// transaction. See docs/adr/0012-reservation-lifecycle.md.
/// </summary>
internal sealed partial class SingleCallReservations(
    BillingDbContext db,
    BalanceStore balances,
    HoldSettlement holds,
    CallBooks books,
    KeyBudgetStore budgets,
    KeyRateCounts rates,
    ReservationSettings settings,
    TimeProvider clock,
    ILogger<SingleCallReservations> logger) : IBalanceReservations
{
    /// <summary>The ledger reference of what a late settlement adds to what the clean-up job already charged.</summary>
    public const string LateChargeSuffix = ":late";

    public Task<Money?> TryReserveUpToAsync(ReservationRequest request, CancellationToken cancellationToken) =>
        request.Budget is { } budget
            ? ReserveWithBudgetAsync(request, budget, cancellationToken)
            : ReserveAsync(request, cancellationToken);

    public async Task RecordProgressAsync(CallSettlement progress, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Marking the reservation locks its row, so a settlement or expiry of the same call waits for this to commit.
        var marked = await db.Reservations
            .Where(r => r.Id == progress.RequestId && r.Status == ReservationStatus.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProgressRecorded, true), cancellationToken);
        if (marked == 0)
        {
            return;
        }

        await DeleteProgressAsync(progress.RequestId, cancellationToken);
        var record = UsageRecordFactory.From(progress, Money.Zero, clock.GetUtcNow(), UsageStatuses.InProgress);
        db.UsageRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // The settlement of this call, later in the same request scope, deletes this row with SQL and writes its own
        // record under the same id: the context must not keep tracking this one.
        db.Entry(record).State = EntityState.Detached;
    }

    public async Task<Money> SettleAsync(CallSettlement settlement, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Close first, read after: the row is then ours, so what we read (hold, progress) cannot change under us.
        Money moved;
        var tokensUsed = settlement.Usage.InputTokens + settlement.Usage.OutputTokens;
        if (await CloseAsync(settlement.RequestId, ReservationStatus.Held, now, tokensUsed, cancellationToken))
        {
            moved = await SettleHeldAsync(await ReadAsync(settlement.RequestId, cancellationToken), settlement, now, cancellationToken);
        }
        else if (await CloseAsync(settlement.RequestId, ReservationStatus.Expired, now, tokensUsed, cancellationToken))
        {
            moved = await SettleLateAsync(settlement, now, cancellationToken);
        }
        else
        {
            LogAlreadyClosed(settlement.RequestId);
            return Money.Zero;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    private async Task<Money?> ReserveAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await HoldUpToAsync(request.AccountId, request.Desired, request.Minimum, cancellationToken) is not { } held)
        {
            return null;
        }

        // The balance row is locked now: the key's counts cannot move until this commits (rolled back if refused).
        await ThrowIfRateLimitedAsync(request, now, cancellationToken);
        db.Reservations.Add(new Reservation(
            request.RequestId, request.AccountId, request.KeyId, held, now, now + settings.TimeToLive, request.Model, request.Provider, rateTokens: request.Rate?.Tokens));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return held;
    }

    /// <summary>
    /// Refuses the call if its key's rate limits, counted from its reservations, leave no room. Called inside the
    /// hold's transaction after the balance update, so a refusal rolls the hold back.
    /// </summary>
    private async Task ThrowIfRateLimitedAsync(ReservationRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.Rate is { } rate && await rates.RefusalAsync(request.KeyId, rate, now, cancellationToken) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>
    /// The usual case costs one conditional update: the balance covers the whole hold. Otherwise the hold is what the
    /// balance holds now, still placed by a conditional update, so a concurrent call that took money between the
    /// read and the update makes it fail instead of overspend; one retry re-reads the balance.
    /// </summary>
    private async Task<Money?> HoldUpToAsync(Guid accountId, Money desired, Money minimum, CancellationToken cancellationToken)
    {
        if (await balances.TryHoldAsync(accountId, desired, cancellationToken))
        {
            return desired;
        }

        for (var attempt = 0; attempt < 2 && minimum < desired; attempt++)
        {
            var hold = Money.Min(desired, (await balances.FindAsync(accountId, cancellationToken))?.Available ?? Money.Zero);
            if (hold < minimum)
            {
                return null;
            }

            if (await balances.TryHoldAsync(accountId, hold, cancellationToken))
            {
                return hold;
            }
        }

        return null;
    }

    private async Task<Money> SettleHeldAsync(Reservation reservation, CallSettlement settlement, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var charged = await holds.ChargeAsync(settlement.AccountId, reservation.Amount, settlement.Cost, cancellationToken);
        if (BudgetRow.Of(reservation) is { } budget)
        {
            await budgets.SettleAsync(budget, reservation.Amount, charged, cancellationToken);
        }

        if (reservation.ProgressRecorded)
        {
            await DeleteProgressAsync(settlement.RequestId, cancellationToken);
        }

        books.Add(settlement, charged, now);
        return charged;
    }

    /// <summary>
    /// The clean-up job presumed the call dead and closed it, but it was alive after all. The job has given the hold
    /// back and charged only the partial usage it knew of; now the real cost is known, the difference is taken from
    /// the available balance (never below zero), so the call costs what it cost — once.
    /// </summary>
    private async Task<Money> SettleLateAsync(CallSettlement settlement, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await db.UsageRecords.AsNoTracking().FirstOrDefaultAsync(u => u.Id == settlement.RequestId, cancellationToken);
        var alreadyCharged = expired?.Charged ?? Money.Zero;
        var owed = Money.Max(Money.Zero, settlement.Cost - alreadyCharged);
        var taken = owed.IsPositive ? await balances.TakeUpToAsync(settlement.AccountId, owed, cancellationToken) : Money.Zero;
        if (taken.IsPositive)
        {
            var reference = alreadyCharged.IsPositive ? settlement.RequestId + LateChargeSuffix : settlement.RequestId;
            db.LedgerEntries.Add(LedgerEntry.UsageCharge(settlement.AccountId, taken, settlement.Model, reference, now));
            if (BudgetRow.Of(await ReadAsync(settlement.RequestId, cancellationToken)) is { } budget)
            {
                // The clean-up job already released the budget's hold; the key is charged what the balance was.
                await budgets.ChargeAsync(budget, taken, cancellationToken);
            }
        }

        if (expired is not null)
        {
            await db.UsageRecords.Where(u => u.Id == settlement.RequestId).ExecuteDeleteAsync(cancellationToken);
        }

        db.UsageRecords.Add(UsageRecordFactory.From(settlement, alreadyCharged + taken, now));
        LogSettledLate(settlement.RequestId, alreadyCharged, taken);
        return taken;
    }

    /// <summary>
    /// Closes the reservation; a rate-limited key's reservation now counts the tokens billed instead of its estimate
    /// (docs/adr/0041-exact-key-limits-through-the-group-commit.md).
    /// </summary>
    private async Task<bool> CloseAsync(string reservationId, ReservationStatus from, DateTimeOffset now, long tokensUsed, CancellationToken cancellationToken) =>
        await db.Reservations
            .Where(r => r.Id == reservationId && r.Status == from)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, ReservationStatus.Settled)
                      .SetProperty(r => r.ClosedAt, now)
                      .SetProperty(r => r.RateTokens, r => r.RateTokens == null ? null : (long?)tokensUsed),
                cancellationToken) == 1;

    private Task<Reservation> ReadAsync(string reservationId, CancellationToken cancellationToken) =>
        db.Reservations.AsNoTracking().SingleAsync(r => r.Id == reservationId, cancellationToken);

    private Task<int> DeleteProgressAsync(string requestId, CancellationToken cancellationToken) =>
        db.UsageRecords.Where(u => u.Id == requestId && u.Status == UsageStatuses.InProgress).ExecuteDeleteAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reservation {RequestId} was already closed (or never placed); settlement skipped")]
    private partial void LogAlreadyClosed(string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {RequestId} settled after the clean-up job had expired its hold: {AlreadyCharged} USD charged then, {Taken} USD now")]
    private partial void LogSettledLate(string requestId, Money alreadyCharged, Money taken);
}
