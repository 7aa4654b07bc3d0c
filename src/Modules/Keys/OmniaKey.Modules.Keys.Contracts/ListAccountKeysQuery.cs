using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Keys.Contracts;

/// <summary>Every key of one account, active and revoked, newest first, never a secret (the operator's account view).</summary>
public sealed record ListAccountKeysQuery(Guid AccountId) : IQuery<IReadOnlyList<AccountKeyDto>>;

/// <summary>
/// A key as an operator sees it. <see cref="LastFour"/> is the secret's last four characters where the key records
/// them (keys created before that was stored have none).
/// </summary>
public sealed record AccountKeyDto(
    Guid Id,
    string Name,
    string Prefix,
    string? LastFour,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
