namespace OmniaKey.Modules.Compliance.Domain.Decisions;

/// <summary>
/// An audited Restricted Territory decision (Terms §2): on which surface, allowed, denied or sent to review, the
/// country the deciding signal named, and the evidence looked at. Written once, never changed.
/// </summary>
internal sealed class AccessDecision
{
    public required Guid Id { get; init; }

    public Guid? AccountId { get; init; }

    /// <summary><c>signup</c>, <c>login</c>, <c>api</c>, <c>checkout</c> or <c>payment</c>.</summary>
    public required string Surface { get; init; }

    /// <summary><c>allow</c>, <c>deny</c> or <c>review</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The country the deciding signal named; null when no signal named one (allowed for want of evidence).</summary>
    public string? Country { get; init; }

    /// <summary><c>declared_country</c>, <c>ip_country</c> or <c>card_country</c>; null when no signal named a country.</summary>
    public string? Signal { get; init; }

    public string? Ip { get; init; }

    public string? IpCountry { get; init; }

    public string? DeclaredCountry { get; init; }

    public string? CardCountry { get; init; }

    /// <summary>
    /// What makes the decision unique where its source may repeat (<c>payment:{id}</c>: the outbox delivers a payment's
    /// card country at least once). Null elsewhere.
    /// </summary>
    public string? Reference { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public static string PaymentReference(string paymentId) => "payment:" + paymentId;
}

/// <summary>A keyset position in the decision log (newest first).</summary>
internal sealed record DecisionPosition(DateTimeOffset CreatedAt, Guid Id);

/// <summary>The decision log's filters; null = any.</summary>
internal sealed record DecisionFilter(Guid? AccountId, string? Outcome, string? Surface);

internal interface IAccessDecisionRepository
{
    void Add(AccessDecision decision);

    void AddRange(IEnumerable<AccessDecision> decisions);

    Task<bool> ReferenceExistsAsync(string reference, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccessDecision>> ListAsync(DecisionFilter filter, DecisionPosition? after, int limit, CancellationToken cancellationToken);
}
