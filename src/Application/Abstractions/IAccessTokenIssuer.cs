namespace OmniaKey.Application.Abstractions;

/// <summary>Issues a customer's session token after a successful log-in.</summary>
public interface IAccessTokenIssuer
{
    /// <summary>
    /// A token for the account's current <paramref name="sessionGeneration"/>, with a fresh token id; raising the
    /// generation (or revoking the id) ends it (docs/adr/0029-account-sessions-and-self-service.md).
    /// </summary>
    AccessToken Issue(Guid accountId, int sessionGeneration);
}

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);
