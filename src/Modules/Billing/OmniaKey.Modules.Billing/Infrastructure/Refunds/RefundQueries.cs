using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Refunds;

/// <summary>Reads of refunds, without tracking.</summary>
internal sealed class RefundQueries(BillingDbContext db)
{
    private IQueryable<Refund> Refunds => db.Set<Refund>().AsNoTracking();

    /// <summary>
    /// Due for processing: approved and not waiting for a retry, or processing with an expired lease (its worker
    /// died or hangs).
    /// </summary>
    public static Expression<Func<Refund, bool>> IsDue(DateTimeOffset now) =>
        r => (r.Status == RefundStatus.Approved && (r.NextAttemptAt == null || r.NextAttemptAt <= now))
            || (r.Status == RefundStatus.Processing && r.NextAttemptAt <= now);

    public Task<Refund?> FindAsync(Guid refundId, CancellationToken cancellationToken) =>
        Refunds.FirstOrDefaultAsync(r => r.Id == refundId, cancellationToken);

    public Task<Refund?> FindByReferenceAsync(Guid accountId, string reference, CancellationToken cancellationToken) =>
        Refunds.FirstOrDefaultAsync(r => r.AccountId == accountId && r.Reference == reference, cancellationToken);

    public async Task<IReadOnlyList<Refund>> ListAsync(Guid? accountId, RefundStatus? status, LedgerPosition? after, int limit, CancellationToken cancellationToken)
    {
        var refunds = Refunds;
        if (accountId is { } account)
        {
            refunds = refunds.Where(r => r.AccountId == account);
        }

        if (status is { } wanted)
        {
            refunds = refunds.Where(r => r.Status == wanted);
        }

        if (after is not null)
        {
            refunds = refunds.Where(r => r.CreatedAt < after.CreatedAt || (r.CreatedAt == after.CreatedAt && r.Id.CompareTo(after.Id) < 0));
        }

        return await refunds.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Refund>> ListByStatusAsync(Guid accountId, RefundStatus status, CancellationToken cancellationToken) =>
        await Refunds.Where(r => r.AccountId == accountId && r.Status == status).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await Refunds.Where(IsDue(now)).OrderBy(r => r.CreatedAt).Select(r => r.Id).Take(limit).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<RefundPart>> ListPartsAsync(Guid refundId, CancellationToken cancellationToken) =>
        await db.Set<RefundPart>().AsNoTracking().Where(p => p.RefundId == refundId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
}
