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
/// it from <c>Held</c> to <c>Settled</c> moves money, and it does so in the same transaction.
/// </summary>
internal sealed class BalanceReservations(
    BillingDbContext db,
    BalanceStore balances,
    TimeProvider clock,
    ILogger<BalanceReservations> logger) : IBalanceReservations
{
    /// <summary>How long a hold may live before the clean-up job may release it (a crashed request's hold).</summary>
    public static readonly TimeSpan HoldTimeToLive = TimeSpan.FromMinutes(30);

    public async Task<bool> TryReserveAsync(string requestId, Guid accountId, Guid keyId, Money hold, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await balances.TryHoldAsync(accountId, hold, cancellationToken))
        {
            return false;
        }

        db.Reservations.Add(new Reservation(requestId, accountId, keyId, hold, now, now + HoldTimeToLive));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<Money> SettleAsync(CallSettlement settlement, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reservation = await db.Reservations.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == settlement.RequestId && r.Status == ReservationStatus.Held, cancellationToken);
        if (reservation is null || !await CloseAsync(reservation.Id, now, cancellationToken))
        {
            logger.LogWarning("Reservation {RequestId} was already closed; settlement skipped", settlement.RequestId);
            return Money.Zero;
        }

        var charged = await ChargeAsync(settlement.AccountId, reservation.Amount, settlement.Cost, cancellationToken);
        if (charged < settlement.Cost)
        {
            logger.LogWarning(
                "Call {RequestId} cost {Cost} USD but only {Charged} USD could be charged",
                settlement.RequestId,
                settlement.Cost,
                charged);
        }

        if (charged.IsPositive)
        {
            db.LedgerEntries.Add(LedgerEntry.UsageCharge(settlement.AccountId, charged, settlement.Model, settlement.RequestId, now));
        }

        db.UsageRecords.Add(ToUsageRecord(settlement, charged, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return charged;
    }

    /// <summary>
    /// Releases the hold and charges the cost. The cost normally fits inside the hold; if the estimate was short and
    /// the rest of the balance is gone too, the charge is capped at what is there, because the balance never goes
    /// below zero. Each attempt is one conditional update; a retry only happens when concurrent calls moved money.
    /// </summary>
    private async Task<Money> ChargeAsync(Guid accountId, Money hold, Money cost, CancellationToken cancellationToken)
    {
        var charge = cost;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await balances.TrySettleAsync(accountId, hold, charge, cancellationToken))
            {
                return charge;
            }

            charge = Money.Max(Money.Zero, Money.Min(charge, hold + await AvailableAsync(accountId, cancellationToken)));
        }

        throw new InvalidOperationException($"Could not settle a hold of {hold} USD on account {accountId}.");
    }

    private async Task<bool> CloseAsync(string reservationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Reservations
            .Where(r => r.Id == reservationId && r.Status == ReservationStatus.Held)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, ReservationStatus.Settled).SetProperty(r => r.ClosedAt, now),
                cancellationToken) == 1;

    private async Task<Money> AvailableAsync(Guid accountId, CancellationToken cancellationToken) =>
        (await balances.FindAsync(accountId, cancellationToken))?.Available ?? Money.Zero;

    private static UsageRecord ToUsageRecord(CallSettlement s, Money charged, DateTimeOffset now) => new()
    {
        Id = s.RequestId,
        AccountId = s.AccountId,
        KeyId = s.KeyId,
        Model = s.Model,
        Provider = s.Provider,
        InputTokens = s.Usage.InputTokens,
        OutputTokens = s.Usage.OutputTokens,
        CacheReadTokens = s.Usage.CacheReadTokens,
        CacheWriteTokens = s.Usage.CacheWriteTokens,
        ReasoningTokens = s.Usage.ReasoningTokens,
        Cost = s.Cost,
        Charged = charged,
        LatencyMs = s.LatencyMs,
        Status = s.Status,
        UsageSource = s.UsageSource,
        InputPrice = s.Prices?.InputNanoUsdPerMillion ?? 0,
        OutputPrice = s.Prices?.OutputNanoUsdPerMillion ?? 0,
        CacheReadPrice = s.Prices?.CacheReadNanoUsdPerMillion ?? 0,
        CacheWritePrice = s.Prices?.CacheWriteNanoUsdPerMillion ?? 0,
        PromotionId = s.Prices?.PromotionId,
        PromotionName = s.Prices?.PromotionName,
        CreatedAt = now,
    };
}
