namespace OmniaKey.Application.Abstractions;

/// <summary>
/// Whether a customer access token still stands: its account's session generation has not moved on and the token
/// was not logged out. Asked on every customer request, so it answers from memory in the common case.
/// </summary>
public interface ICustomerSessions
{
    ValueTask<bool> IsCurrentAsync(Guid accountId, int sessionGeneration, Guid tokenId, CancellationToken cancellationToken);
}
