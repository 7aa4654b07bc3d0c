using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Compliance.Domain.Reviews;
using OmniaKey.Modules.Compliance.Infrastructure.Persistence.Specifications;

namespace OmniaKey.Modules.Compliance.Infrastructure.Persistence;

internal sealed class ComplianceReviewRepository(ComplianceDbContext db) : IComplianceReviewRepository
{
    public void Add(ComplianceReview review) => db.Reviews.Add(review);

    public Task<ComplianceReview?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public async Task<bool> TryResolveAsync(Guid id, ReviewResolution resolution, CancellationToken cancellationToken) =>
        await db.Reviews
            .Where(r => r.Id == id && r.Status == ComplianceReview.Open)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, resolution.Status)
                    .SetProperty(r => r.ResolvedAt, resolution.ResolvedAt)
                    .SetProperty(r => r.ResolvedBy, resolution.ResolvedBy)
                    .SetProperty(r => r.ResolutionNote, resolution.Note),
                cancellationToken) == 1;

    public async Task<IReadOnlyList<ComplianceReview>> ListAsync(string? status, ReviewPosition? after, int limit, CancellationToken cancellationToken) =>
        await SpecificationEvaluator.Apply(db.Reviews, new ReviewPageSpec(status, after, limit)).ToListAsync(cancellationToken);
}
