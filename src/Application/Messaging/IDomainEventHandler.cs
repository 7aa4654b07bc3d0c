using OmniaKey.Domain.Primitives;

namespace OmniaKey.Application.Messaging;

/// <summary>
/// Reacts, inside the same module and the same transaction, to a domain event an aggregate raised during a command.
/// The unit of work calls it just before saving, so what it changes commits (or rolls back) with the command.
/// </summary>
public interface IDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}
