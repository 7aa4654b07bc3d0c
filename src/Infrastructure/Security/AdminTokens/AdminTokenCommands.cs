using OmniaKey.Application.Messaging;

namespace OmniaKey.Infrastructure.Security.AdminTokens;

/// <summary>Creates a named admin token; the answer carries the secret, the only time it is shown.</summary>
internal sealed record CreateAdminTokenCommand(string? Name) : ICommand<CreatedAdminTokenDto>;

/// <summary>Revokes a named admin token at once: it is checked against the database on every admin request.</summary>
internal sealed record RevokeAdminTokenCommand(Guid Id) : ICommand<AdminTokenDto>;

/// <summary>Every named admin token, oldest first, never with its secret.</summary>
internal sealed record ListAdminTokensQuery : IQuery<AdminTokenPage>;

internal sealed record AdminTokenDto(
    Guid Id,
    string Name,
    string Prefix,
    string Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public static AdminTokenDto From(AdminToken token) => new(
        token.Id,
        token.Name,
        token.Prefix,
        token.RevokedAt is null ? "active" : "revoked",
        token.CreatedAt,
        token.CreatedBy,
        token.RevokedAt,
        token.RevokedBy);
}

internal sealed record CreatedAdminTokenDto(Guid Id, string Name, string Prefix, string Token, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>Named admin tokens are few; the list is whole (<c>next_cursor</c> is always null), in the usual shape.</summary>
internal sealed record AdminTokenPage(IReadOnlyList<AdminTokenDto> Data, string? NextCursor);
