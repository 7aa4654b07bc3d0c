using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys;

/// <summary>
/// Evicts a revoked key from the cache after the revocation commits — not before, or a request in between could
/// re-cache it as active — whichever command revoked it (revoke, rotate).
/// </summary>
internal sealed class ApiKeyRevokedDomainEventHandler(IApiKeyCache cache, IUnitOfWork unitOfWork)
    : IDomainEventHandler<ApiKeyRevokedDomainEvent>
{
    public Task HandleAsync(ApiKeyRevokedDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        unitOfWork.OnCommitted(() => cache.Evict(domainEvent.Hash));
        return Task.CompletedTask;
    }
}
