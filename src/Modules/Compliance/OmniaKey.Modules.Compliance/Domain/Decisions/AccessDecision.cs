namespace OmniaKey.Modules.Compliance.Domain.Decisions;

/// <summary>
/// An audited eligibility decision (Terms §2): who, which country from which signal, allowed or denied, and why.
/// The decision engine that writes these arrives with the compliance issue; the table exists from the start.
/// </summary>
internal sealed class AccessDecision
{
    public required Guid Id { get; init; }

    public Guid? AccountId { get; init; }

    public required string Country { get; init; }

    public required string Source { get; init; }

    public required bool Allowed { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset DecidedAt { get; init; }
}
