namespace OmniaKey.Application.Messaging;

/// <summary>
/// Publishes a module's integration event through the outbox: the event is stored in the same transaction as the
/// command that raised it, so it exists if and only if that change committed, and is then delivered to every handler
/// at least once (docs/architecture.md, "Integration events and the outbox").
/// </summary>
public interface IIntegrationEventPublisher
{
    /// <summary>Stages the event in the current unit of work; it is written when the command commits.</summary>
    void Publish(IIntegrationEvent integrationEvent);
}
