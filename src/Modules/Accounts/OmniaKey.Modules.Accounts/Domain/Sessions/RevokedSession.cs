namespace OmniaKey.Modules.Accounts.Domain.Sessions;

/// <summary>
/// One access token logged out before its expiry (<c>POST /api/v1/auth/logout</c>). Kept only until the token would
/// have expired anyway; ending all sessions uses the account's session generation instead.
/// </summary>
internal sealed class RevokedSession(Guid tokenId, Guid accountId, DateTimeOffset expiresAt)
{
    public Guid TokenId { get; private set; } = tokenId;

    public Guid AccountId { get; private set; } = accountId;

    public DateTimeOffset ExpiresAt { get; private set; } = expiresAt;
}

internal interface IRevokedSessionRepository
{
    void Add(RevokedSession session);

    /// <summary>Drops the account's entries whose tokens have expired anyway.</summary>
    Task RemoveExpiredAsync(Guid accountId, DateTimeOffset now, CancellationToken cancellationToken);
}
