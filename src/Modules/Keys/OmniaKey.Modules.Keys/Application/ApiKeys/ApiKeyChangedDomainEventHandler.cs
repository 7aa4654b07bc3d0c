using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys;

/// <summary>
/// Evicts a changed key from the cache after the change commits, so that the next request on this instance is judged
/// by the new limits (and a request in between cannot re-cache the old ones).
/// </summary>
internal sealed class ApiKeyChangedDomainEventHandler(IApiKeyCache cache, IUnitOfWork unitOfWork)
    : IDomainEventHandler<ApiKeyChangedDomainEvent>
{
    public Task HandleAsync(ApiKeyChangedDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        unitOfWork.OnCommitted(() => cache.Evict(domainEvent.Hash));
        return Task.CompletedTask;
    }
}
