using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Domain.Sessions;

namespace OmniaKey.Modules.Accounts.Application.Accounts;

/// <summary>Evicts the cached session state after the change commits, so the next request reads the new generation.</summary>
internal sealed class AccountSessionsEndedDomainEventHandler(ISessionStateCache cache, IUnitOfWork unitOfWork)
    : IDomainEventHandler<AccountSessionsEndedDomainEvent>
{
    public Task HandleAsync(AccountSessionsEndedDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        unitOfWork.OnCommitted(() => cache.Evict(domainEvent.AccountId));
        return Task.CompletedTask;
    }
}
