using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Abstractions;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

namespace OmniaKey.Modules.Billing.Infrastructure.Refunds;

/// <summary>
/// Refund status changes as conditional <c>UPDATE</c>s, each in the command's transaction with the balance movement it
/// causes (<see cref="BalanceStore"/>'s atomic updates), so that no interleaving of operators, jobs and sweeps on any
/// number of instances can move a refund's money twice. Queries live in <see cref="RefundQueries"/>.
/// </summary>
internal sealed class RefundStore(BillingDbContext db, BalanceStore balances, RefundFundsReader funds, RefundQueries queries, IUnitOfWork unitOfWork)
    : IRefundStore
{
    private DbSet<Refund> Refunds => db.Set<Refund>();

    public Task<RefundFunds> GetFundsAsync(Guid accountId, CancellationToken cancellationToken) => funds.ReadAsync(accountId, cancellationToken);

    public async Task<RefundRequestResult> RequestAsync(Refund refund, CancellationToken cancellationToken)
    {
        if (refund.Reference is { } reference && await FindByReferenceAsync(refund.AccountId, reference, cancellationToken) is { } earlier)
        {
            return new RefundRequestResult(RefundRequestStatus.Existing, earlier);
        }

        if (!await balances.TryHoldAsync(refund.AccountId, refund.Amount, cancellationToken))
        {
            return new RefundRequestResult(RefundRequestStatus.NotCovered, null);
        }

        // The hold's UPDATE locked this account's balance row until the command commits, so a concurrent request for
        // the same account waits here, and this read sees every refund committed before it.
        var current = await funds.ReadAsync(refund.AccountId, cancellationToken);
        if (refund.Amount.WholeCentsRoundedDown > RefundPolicy.UnclaimedPaidCents(current))
        {
            await ReleaseHoldAsync(refund, cancellationToken);
            return new RefundRequestResult(RefundRequestStatus.NotCovered, null);
        }

        Refunds.Add(refund);
        try
        {
            await unitOfWork.FlushAsync(cancellationToken);
            return new RefundRequestResult(RefundRequestStatus.Created, refund);
        }
        catch (DbUpdateException) when (refund.Reference is { } key)
        {
            // A concurrent request with the same reference won the unique index; ours rolled back to its savepoint,
            // and its hold is given back.
            db.Entry(refund).State = EntityState.Detached;
            await ReleaseHoldAsync(refund, cancellationToken);
            return await FindByReferenceAsync(refund.AccountId, key, cancellationToken) is { } winner
                ? new RefundRequestResult(RefundRequestStatus.Existing, winner)
                : throw new InvalidOperationException($"Requesting refund {refund.Id} failed.");
        }
    }

    public Task<Refund?> FindAsync(Guid refundId, CancellationToken cancellationToken) => queries.FindAsync(refundId, cancellationToken);

    public Task<Refund?> FindByReferenceAsync(Guid accountId, string reference, CancellationToken cancellationToken) =>
        queries.FindByReferenceAsync(accountId, reference, cancellationToken);

    public Task<IReadOnlyList<Refund>> ListAsync(Guid? accountId, RefundStatus? status, LedgerPosition? after, int limit, CancellationToken cancellationToken) =>
        queries.ListAsync(accountId, status, after, limit, cancellationToken);

    public Task<IReadOnlyList<Refund>> ListByStatusAsync(Guid accountId, RefundStatus status, CancellationToken cancellationToken) =>
        queries.ListByStatusAsync(accountId, status, cancellationToken);

    public Task<IReadOnlyList<Guid>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        queries.ListDueAsync(now, limit, cancellationToken);

    public Task<IReadOnlyList<RefundPart>> ListPartsAsync(Guid refundId, CancellationToken cancellationToken) =>
        queries.ListPartsAsync(refundId, cancellationToken);

    public async Task<bool> TryApproveAsync(Guid refundId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Refunds
            .Where(r => r.Id == refundId && r.Status == RefundStatus.PendingApproval)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, RefundStatus.Approved)
                      .SetProperty(r => r.DecidedAt, now)
                      .SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null),
                cancellationToken) == 1;

    public async Task<bool> TryDenyAsync(Guid refundId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await FindAsync(refundId, cancellationToken) is not { Status: RefundStatus.PendingApproval } refund)
        {
            return false;
        }

        return await DenyPendingAsync(refund, now, cancellationToken);
    }

    /// <summary>Denies a pending refund and releases its hold.</summary>
    public async Task<bool> DenyPendingAsync(Refund refund, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var denied = await Refunds
            .Where(r => r.Id == refund.Id && r.Status == RefundStatus.PendingApproval)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RefundStatus.Denied).SetProperty(r => r.DecidedAt, now), cancellationToken) == 1;
        if (denied && !await balances.TrySettleAsync(refund.AccountId, refund.Amount, Money.Zero, cancellationToken))
        {
            throw new InvalidOperationException($"The hold of refund {refund.Id} is missing from account {refund.AccountId}'s reserved balance.");
        }

        return denied;
    }

    public async Task<Refund?> TryClaimAsync(Guid refundId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        // One refund of an account at a time: two planned against the same charges at once would each count on
        // the same unrefunded amount, and the provider would refuse the second.
        var claimed = await Refunds
            .Where(DueRefundsSpec.IsDue(now))
            .Where(r => r.Id == refundId)
            .Where(r => !Refunds.Any(o => o.AccountId == r.AccountId && o.Id != r.Id && o.Status == RefundStatus.Processing && o.NextAttemptAt > now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, RefundStatus.Processing)
                      .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                      .SetProperty(r => r.NextAttemptAt, leaseUntil),
                cancellationToken);
        return claimed == 1 ? await FindAsync(refundId, cancellationToken) : null;
    }

    public async Task RecordPartAsync(RefundPart part, CancellationToken cancellationToken)
    {
        if (await db.Set<RefundPart>().AnyAsync(p => p.Id == part.Id, cancellationToken))
        {
            return;
        }

        db.Add(part);
        try
        {
            await unitOfWork.FlushAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(part).State = EntityState.Detached;
            if (!await db.Set<RefundPart>().AnyAsync(p => p.Id == part.Id, cancellationToken))
            {
                throw;
            }
        }
    }

    private async Task ReleaseHoldAsync(Refund refund, CancellationToken cancellationToken)
    {
        if (!await balances.TrySettleAsync(refund.AccountId, refund.Amount, Money.Zero, cancellationToken))
        {
            throw new InvalidOperationException($"The hold of refund {refund.Id} could not be given back to account {refund.AccountId}.");
        }
    }

    public async Task<bool> TryScheduleRetryAsync(Guid refundId, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        await Refunds
            .Where(r => r.Id == refundId && r.Status == RefundStatus.Processing)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, RefundStatus.Approved)
                      .SetProperty(r => r.LastError, error)
                      .SetProperty(r => r.NextAttemptAt, nextAttemptAt),
                cancellationToken) == 1;

    public async Task<bool> TryFinishAsync(Refund refund, Money refunded, string? failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = failure is null ? RefundStatus.Succeeded : RefundStatus.Failed;
        var finished = await Refunds
            .Where(r => r.Id == refund.Id && r.Status == RefundStatus.Processing)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, status)
                      .SetProperty(r => r.Refunded, refunded)
                      .SetProperty(r => r.LastError, r => failure ?? r.LastError)
                      .SetProperty(r => r.CompletedAt, now)
                      .SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null),
                cancellationToken);
        if (finished != 1)
        {
            return false;
        }

        // A refund.failed for one of its parts may have committed while this attempt ran (it locks this row, so this
        // update waited for it): the parts as they are now decide what was refunded, not those the attempt read.
        var stillRefunded = Money.FromCents(await db.Set<RefundPart>()
            .Where(p => p.RefundId == refund.Id && p.ProviderStatus != RefundPart.FailedStatus)
            .SumAsync(p => p.AmountCents, cancellationToken));
        if (stillRefunded < refunded)
        {
            refunded = stillRefunded;
            await Refunds.Where(r => r.Id == refund.Id).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, RefundStatus.Failed).SetProperty(r => r.Refunded, refunded),
                cancellationToken);
        }

        // Release the whole hold, and let what was refunded leave the balance: the rest returns to available.
        if (!await balances.TrySettleAsync(refund.AccountId, refund.Amount, refunded, cancellationToken))
        {
            throw new InvalidOperationException($"The hold of refund {refund.Id} is missing from account {refund.AccountId}'s reserved balance.");
        }

        if (refunded.IsPositive)
        {
            var description = refunded == refund.Amount
                ? $"Refund {refund.Id} to the original payment(s)"
                : $"Refund {refund.Id} to the original payment(s); {refund.Amount - refunded} USD of the {refund.Amount} USD asked could not be refunded and stayed in the balance";
            db.LedgerEntries.Add(LedgerEntry.Debit(refund.AccountId, LedgerEntryType.Refund, refunded, description, $"refund:{refund.Id}", now));
        }

        return true;
    }

    public async Task<RefundPartFailure> FailPartAsync(string providerRefundId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var part = await db.Set<RefundPart>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == providerRefundId, cancellationToken);
        if (part is null)
        {
            return RefundPartFailure.Unknown;
        }

        // The conditional update decides which delivery acts: a concurrent duplicate waits on the row (PostgreSQL) or
        // behind the writer (SQLite), then finds it failed already.
        var marked = await db.Set<RefundPart>()
            .Where(p => p.Id == providerRefundId && p.ProviderStatus != RefundPart.FailedStatus)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ProviderStatus, RefundPart.FailedStatus), cancellationToken) == 1;
        if (!marked)
        {
            return RefundPartFailure.AlreadyFailed;
        }

        var error = $"Provider refund {part.Id} of {part.Amount} USD failed: {reason}";
        error = error.Length <= 1000 ? error : error[..1000];

        // Locks the refund row first, so that two parts of one refund failing at once are counted one after the other.
        var finished = await Refunds
            .Where(r => r.Id == part.RefundId && (r.Status == RefundStatus.Succeeded || r.Status == RefundStatus.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastError, error), cancellationToken) == 1;
        if (!finished)
        {
            // Still open: its finish counts only parts that did not fail, and the rest of its hold returns then.
            await Refunds.Where(r => r.Id == part.RefundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastError, error), cancellationToken);
            return RefundPartFailure.Failed;
        }

        var stillRefunded = Money.FromCents(await db.Set<RefundPart>()
            .Where(p => p.RefundId == part.RefundId && p.ProviderStatus != RefundPart.FailedStatus)
            .SumAsync(p => p.AmountCents, cancellationToken));
        await Refunds
            .Where(r => r.Id == part.RefundId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RefundStatus.Failed).SetProperty(r => r.Refunded, stillRefunded), cancellationToken);
        await balances.CreditAsync(
            LedgerEntry.Credit(part.AccountId, LedgerEntryType.RefundReversal, part.Amount, error, $"refund_failed:{part.Id}", now),
            cancellationToken);
        return RefundPartFailure.Failed;
    }
}
