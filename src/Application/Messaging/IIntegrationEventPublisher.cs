namespace OmniaKey.Application.Messaging;

/// <summary>
/// Publishes a module's integration event to every handler of it in the process. Delivery is at least once:
/// a publisher that retries after a failure may publish the same fact again, so handlers must be idempotent
/// (the event carries the identifiers to de-duplicate on).
/// </summary>
public interface IIntegrationEventPublisher
{
    Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent;
}
