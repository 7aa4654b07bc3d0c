using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys;

/// <summary>
/// Evicts a new key's hash from the cache after the key commits, so that a remembered "unknown" can never refuse it.
/// No one can have presented a 256-bit random secret before it was generated, so on this instance this is a guard
/// rather than a fix (docs/adr/0020-stale-while-revalidate-caches.md).
/// </summary>
internal sealed class ApiKeyCreatedDomainEventHandler(IApiKeyCache cache, IUnitOfWork unitOfWork)
    : IDomainEventHandler<ApiKeyCreatedDomainEvent>
{
    public Task HandleAsync(ApiKeyCreatedDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        unitOfWork.OnCommitted(() => cache.Evict(domainEvent.Hash));
        return Task.CompletedTask;
    }
}
