using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts;

/// <summary>
/// Tells the other modules through the outbox, in the termination's own transaction: Billing settles the balance
/// (refund or forfeiture) when the event is delivered, and a failed settlement is retried by the outbox.
/// </summary>
internal sealed class AccountTerminatedDomainEventHandler(IIntegrationEventPublisher publisher, TimeProvider clock)
    : IDomainEventHandler<AccountTerminatedDomainEvent>
{
    public Task HandleAsync(AccountTerminatedDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        publisher.Publish(new AccountTerminatedIntegrationEvent(
            Guid.CreateVersion7(clock.GetUtcNow()),
            domainEvent.OccurredAt,
            domainEvent.AccountId,
            domainEvent.Reason,
            domainEvent.MaterialBreach,
            domainEvent.OccurredAt));
        return Task.CompletedTask;
    }
}
