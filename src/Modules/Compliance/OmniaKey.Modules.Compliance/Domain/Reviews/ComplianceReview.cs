namespace OmniaKey.Modules.Compliance.Domain.Reviews;

/// <summary>
/// An account held for an operator's look: opened by a <c>review</c> decision (a payment with a card from the
/// Restricted Territory), while the account stays suspended. Resolved once, by an operator, to <c>allowed</c> (the
/// account is reactivated) or <c>terminated</c> (the account is terminated and its balance refunded per the Terms).
/// </summary>
internal sealed class ComplianceReview
{
    public const string Open = "open";
    public const string Allowed = "allowed";
    public const string Terminated = "terminated";

    public static readonly IReadOnlyList<string> Statuses = [Open, Allowed, Terminated];

    public required Guid Id { get; init; }

    public required Guid AccountId { get; init; }

    /// <summary>The decision that opened it.</summary>
    public required Guid DecisionId { get; init; }

    public required string Country { get; init; }

    public required string Signal { get; init; }

    public required string Reason { get; init; }

    public required string Status { get; set; }

    public required DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Who resolved it (the operator's principal: today the admin token's <c>admin</c>).</summary>
    public string? ResolvedBy { get; set; }

    public string? ResolutionNote { get; set; }
}

/// <summary>A keyset position in the review queue: open reviews first, then newest first.</summary>
internal sealed record ReviewPosition(bool IsOpen, DateTimeOffset OpenedAt, Guid Id);

internal sealed record ReviewResolution(string Status, DateTimeOffset ResolvedAt, string ResolvedBy, string Note);

internal interface IComplianceReviewRepository
{
    void Add(ComplianceReview review);

    Task<ComplianceReview?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Resolves an open review with one conditional update: false when it was no longer open (resolved by someone
    /// else meanwhile), so a review is resolved once even when two operators race.
    /// </summary>
    Task<bool> TryResolveAsync(Guid id, ReviewResolution resolution, CancellationToken cancellationToken);

    Task<IReadOnlyList<ComplianceReview>> ListAsync(string? status, ReviewPosition? after, int limit, CancellationToken cancellationToken);
}
