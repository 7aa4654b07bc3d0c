using OmniaKey.Modules.Compliance.Domain.Reviews;

namespace OmniaKey.Modules.Compliance.Application.Reviews;

/// <summary>A review as the admin API shows it; <see cref="Status"/> is <c>open</c>, <c>allowed</c> or <c>terminated</c>.</summary>
internal sealed record ReviewDto(
    Guid Id,
    Guid AccountId,
    Guid DecisionId,
    string Status,
    string Country,
    string Signal,
    string Reason,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? ResolutionNote)
{
    public static ReviewDto From(ComplianceReview r) =>
        new(r.Id, r.AccountId, r.DecisionId, r.Status, r.Country, r.Signal, r.Reason, r.OpenedAt, r.ResolvedAt, r.ResolvedBy, r.ResolutionNote);
}
