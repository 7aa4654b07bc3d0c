using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

namespace OmniaKey.Modules.Billing.Infrastructure.Refunds;

/// <summary>Reads of refunds, without tracking; the lists are specifications.</summary>
internal sealed class RefundQueries(BillingDbContext db)
{
    private IQueryable<Refund> Refunds => db.Set<Refund>().AsNoTracking();

    public Task<Refund?> FindAsync(Guid refundId, CancellationToken cancellationToken) =>
        Refunds.FirstOrDefaultAsync(r => r.Id == refundId, cancellationToken);

    public Task<Refund?> FindByReferenceAsync(Guid accountId, string reference, CancellationToken cancellationToken) =>
        Refunds.FirstOrDefaultAsync(r => r.AccountId == accountId && r.Reference == reference, cancellationToken);

    public async Task<IReadOnlyList<Refund>> ListAsync(Guid? accountId, RefundStatus? status, LedgerPosition? after, int limit, CancellationToken cancellationToken) =>
        await ListRefundsAsync(new RefundsPageSpec(accountId, status, after, limit), cancellationToken);

    public async Task<IReadOnlyList<Refund>> ListByStatusAsync(Guid accountId, RefundStatus status, CancellationToken cancellationToken) =>
        await ListRefundsAsync(new RefundsByStatusSpec(accountId, status), cancellationToken);

    public async Task<IReadOnlyList<Guid>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await SpecificationEvaluator.Apply(db.Set<Refund>(), new DueRefundsSpec(now, limit)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<RefundPart>> ListPartsAsync(Guid refundId, CancellationToken cancellationToken) =>
        await db.Set<RefundPart>().AsNoTracking().Where(p => p.RefundId == refundId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);

    private Task<List<Refund>> ListRefundsAsync(ISpecification<Refund> specification, CancellationToken cancellationToken) =>
        SpecificationEvaluator.Apply(db.Set<Refund>(), specification).ToListAsync(cancellationToken);
}
