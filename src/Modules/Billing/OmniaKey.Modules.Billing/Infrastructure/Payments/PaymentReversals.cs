using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Abstractions;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Payments;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Payments;

/// <summary>
/// Records a refund or dispute and claws its amount back in the command's transaction. The record goes in first: its
/// primary key is the provider's id, so a concurrent duplicate waits on (PostgreSQL) or is serialised behind (SQLite)
/// the first, then fails and rolls back to its savepoint before it touches the balance.
/// </summary>
internal sealed class PaymentReversals(BillingDbContext db, BalanceStore balances, IUnitOfWork unitOfWork, TimeProvider clock) : IPaymentReversals
{
    public Task<bool> RecordRefundAsync(PaymentRefund refund, CancellationToken cancellationToken) =>
        RecordAsync(
            refund,
            new Reversal(refund.AccountId, refund.Amount, LedgerEntryType.Refund, refund.Id, $"Refund {refund.Id} of charge {refund.ChargeId}, made outside OmniaKey"),
            refund.RecordCollected,
            ct => db.PaymentRefunds.AnyAsync(r => r.Id == refund.Id, ct),
            cancellationToken);

    public Task<bool> RecordDisputeAsync(PaymentDispute dispute, CancellationToken cancellationToken) =>
        RecordAsync(
            dispute,
            new Reversal(dispute.AccountId, dispute.Amount, LedgerEntryType.Chargeback, dispute.Id, $"Chargeback {dispute.Id} ({dispute.Reason}) on charge {dispute.ChargeId}"),
            dispute.RecordClawedBack,
            ct => db.PaymentDisputes.AnyAsync(d => d.Id == dispute.Id, ct),
            cancellationToken);

    public async Task<DisputeClosure> CloseDisputeAsync(string disputeId, string status, CancellationToken cancellationToken)
    {
        var dispute = await db.PaymentDisputes.AsNoTracking().FirstOrDefaultAsync(d => d.Id == disputeId, cancellationToken);
        if (dispute is null)
        {
            return DisputeClosure.Unknown;
        }

        var now = clock.GetUtcNow();
        status = status.Length <= 32 ? status : status[..32];

        // Only the delivery that closes the open dispute acts; a redelivery (or a concurrent one) finds it closed.
        var closed = await db.PaymentDisputes
            .Where(d => d.Id == disputeId && d.Status == PaymentDispute.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, status).SetProperty(d => d.ClosedAt, now), cancellationToken) == 1;
        if (!closed)
        {
            return DisputeClosure.AlreadyClosed;
        }

        if (status != PaymentDispute.Won)
        {
            return DisputeClosure.Lost;
        }

        // What the chargeback took from the balance comes back — not the uncollected part, which never left it.
        if (dispute.ClawedBack.IsPositive)
        {
            await balances.CreditAsync(
                LedgerEntry.Credit(
                    dispute.AccountId,
                    LedgerEntryType.ChargebackReversal,
                    dispute.ClawedBack,
                    $"Dispute {dispute.Id} won: the {dispute.ClawedBack} USD its chargeback took back is restored",
                    dispute.Id,
                    now),
                cancellationToken);
        }

        return DisputeClosure.Won;
    }

    private async Task<bool> RecordAsync(
        object record,
        Reversal reversal,
        Action<Money> recordTaken,
        Func<CancellationToken, Task<bool>> alreadyRecorded,
        CancellationToken cancellationToken)
    {
        if (await alreadyRecorded(cancellationToken))
        {
            return false;
        }

        db.Add(record);
        try
        {
            await unitOfWork.FlushAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Rolled back to its savepoint: a concurrent duplicate recorded it first and moves the money.
            db.Entry(record).State = EntityState.Detached;
            if (await alreadyRecorded(cancellationToken))
            {
                return false;
            }

            throw;
        }

        var taken = await balances.TakeUpToAsync(reversal.AccountId, reversal.Amount, cancellationToken);
        recordTaken(taken);
        if (taken.IsPositive)
        {
            var description = taken < reversal.Amount
                ? $"{reversal.Description}; {reversal.Amount - taken} USD of it had already been spent"
                : reversal.Description;
            db.LedgerEntries.Add(LedgerEntry.Debit(reversal.AccountId, reversal.Type, taken, description, reversal.Reference, clock.GetUtcNow()));
        }

        await unitOfWork.FlushAsync(cancellationToken);
        return true;
    }

    private sealed record Reversal(Guid AccountId, Money Amount, LedgerEntryType Type, string Reference, string Description);
}
