namespace OmniaKey.Infrastructure.Security.AdminTokens;

/// <summary>
/// A named admin token (docs/operators.md): an operator's own credential for the admin API, so the audit trail can say
/// who did what. Only the SHA-256 digest of the secret is stored; the secret is shown once, at creation.
/// </summary>
internal sealed class AdminToken
{
    public Guid Id { get; init; }

    /// <summary>Unique, the actor recorded in the audit trail (e.g. <c>alice</c>, <c>billing-bot</c>).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The first characters of the secret, to recognise a token in a list without revealing it.</summary>
    public string Prefix { get; init; } = string.Empty;

    public byte[] SecretHash { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The admin who created it (<c>bootstrap</c> or another token's name).</summary>
    public string CreatedBy { get; init; } = string.Empty;

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
