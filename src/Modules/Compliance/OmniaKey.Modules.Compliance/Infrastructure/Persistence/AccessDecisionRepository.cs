using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Compliance.Domain.Decisions;
using OmniaKey.Modules.Compliance.Infrastructure.Persistence.Specifications;

namespace OmniaKey.Modules.Compliance.Infrastructure.Persistence;

internal sealed class AccessDecisionRepository(ComplianceDbContext db) : IAccessDecisionRepository
{
    public void Add(AccessDecision decision) => db.Decisions.Add(decision);

    public void AddRange(IEnumerable<AccessDecision> decisions) => db.Decisions.AddRange(decisions);

    public Task<bool> ReferenceExistsAsync(string reference, CancellationToken cancellationToken) =>
        db.Decisions.AnyAsync(d => d.Reference == reference, cancellationToken);

    public async Task<IReadOnlyList<AccessDecision>> ListAsync(DecisionFilter filter, DecisionPosition? after, int limit, CancellationToken cancellationToken) =>
        await SpecificationEvaluator.Apply(db.Decisions, new DecisionPageSpec(filter, after, limit)).ToListAsync(cancellationToken);
}
