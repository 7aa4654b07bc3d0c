namespace OmniaKey.Modules.Keys.Contracts;

/// <summary>Resolves a presented API key on the hot path, from memory after the first use.</summary>
public interface IApiKeyAuthenticator
{
    /// <summary>The key's identity, or null when the key is unknown or revoked.</summary>
    ValueTask<ApiKeyIdentity?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken);
}

public sealed record ApiKeyIdentity(Guid KeyId, Guid AccountId);
