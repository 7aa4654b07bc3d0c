namespace OmniaKey.Modules.Keys.Contracts;

/// <summary>Resolves a presented API key on the hot path, from memory after the first use.</summary>
public interface IApiKeyAuthenticator
{
    /// <summary>
    /// The key's identity and limits, or null when the key is unknown, revoked or expired. Expiry is checked against
    /// the clock on every call, not only when the key is loaded, so a cached key stops working the moment it expires.
    /// </summary>
    ValueTask<ApiKeyIdentity?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken);
}

/// <summary>Who is calling: the key, the account that pays, and the limits the customer set on the key.</summary>
public sealed record ApiKeyIdentity(Guid KeyId, Guid AccountId)
{
    public KeyLimits Limits { get; init; } = KeyLimits.None;
}
