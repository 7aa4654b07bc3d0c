using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts;

/// <summary>
/// Evicts the cached status after the change commits — not before, or a request in between could re-cache the old
/// status and keep serving a suspended or terminated account for the cache's lifetime.
/// </summary>
internal sealed class AccountStatusChangedDomainEventHandler(IAccountStatusCache cache, IUnitOfWork unitOfWork)
    : IDomainEventHandler<AccountStatusChangedDomainEvent>
{
    public Task HandleAsync(AccountStatusChangedDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        unitOfWork.OnCommitted(() => cache.Evict(domainEvent.AccountId));
        return Task.CompletedTask;
    }
}
