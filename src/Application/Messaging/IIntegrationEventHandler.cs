namespace OmniaKey.Application.Messaging;

/// <summary>
/// Reacts to another module's integration event. Delivered by the outbox in its own transaction together with an
/// inbox record, so each handler's database effect happens once even when delivery is repeated; keep it short:
/// record the fact, send a command, or enqueue work.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
