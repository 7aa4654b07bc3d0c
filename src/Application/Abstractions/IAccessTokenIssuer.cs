namespace OmniaKey.Application.Abstractions;

/// <summary>Issues a customer's session token after a successful log-in.</summary>
public interface IAccessTokenIssuer
{
    AccessToken Issue(Guid accountId);
}

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);
