namespace OmniaKey.Infrastructure.Audit;

/// <summary>
/// One state-changing admin request: who (<see cref="Actor"/>), what (<see cref="Action"/> on
/// <see cref="TargetType"/>/<see cref="TargetId"/>), when, with which parameters, what the resource looked like before and
/// afterwards, and how it ended. Secrets are redacted before an entry is built (<see cref="AuditRedaction"/>).
/// </summary>
internal sealed class AuditEntry
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public Guid Id { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The admin principal: <c>bootstrap</c> for the configuration's token; a token's or operator's name later.</summary>
    public string Actor { get; init; } = string.Empty;

    /// <summary>Derived from the route, e.g. <c>accounts.suspend</c> (docs/operators.md lists them).</summary>
    public string Action { get; init; } = string.Empty;

    public string Method { get; init; } = string.Empty;

    public string Path { get; init; } = string.Empty;

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    /// <summary>The request's route values, query, idempotency key and body as compact JSON, secrets redacted.</summary>
    public string? Parameters { get; init; }

    /// <summary>
    /// The targeted resource as the admin API showed it just before the request ran (secrets redacted); null for a
    /// create, or a target no module reads back (docs/operators.md lists which do).
    /// </summary>
    public string? Before { get; init; }

    /// <summary>
    /// The changed resource as the API returned it, secrets redacted; null on failure. Set after the commit when the
    /// command itself returned nothing (the endpoint then reads the resource back).
    /// </summary>
    public string? After { get; set; }

    public string Result { get; init; } = string.Empty;

    /// <summary>The HTTP status of a refused request; null for a committed action (its answer was written after the commit).</summary>
    public int? StatusCode { get; init; }

    public string? ErrorCode { get; init; }

    public string? RequestId { get; init; }
}
