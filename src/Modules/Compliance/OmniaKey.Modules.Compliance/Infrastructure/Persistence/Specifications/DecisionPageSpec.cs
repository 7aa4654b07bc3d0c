using Ardalis.Specification;
using OmniaKey.Modules.Compliance.Domain.Decisions;

namespace OmniaKey.Modules.Compliance.Infrastructure.Persistence.Specifications;

/// <summary>Up to <c>limit</c> decisions matching the filter, newest first (creation time, then id), strictly after a keyset position.</summary>
internal sealed class DecisionPageSpec : Specification<AccessDecision>
{
    public DecisionPageSpec(DecisionFilter filter, DecisionPosition? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (filter.AccountId is { } accountId)
        {
            Query.Where(d => d.AccountId == accountId);
        }

        if (filter.Outcome is { } outcome)
        {
            Query.Where(d => d.Outcome == outcome);
        }

        if (filter.Surface is { } surface)
        {
            Query.Where(d => d.Surface == surface);
        }

        if (after is not null)
        {
            Query.Where(d => d.CreatedAt < after.CreatedAt || (d.CreatedAt == after.CreatedAt && d.Id.CompareTo(after.Id) < 0));
        }

        Query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id);
        Query.Take(limit);
        Query.AsNoTracking();
    }
}
