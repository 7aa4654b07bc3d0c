namespace OmniaKey.Application.Messaging;

/// <summary>
/// Reacts to another module's integration event. Keep it short: record the fact or enqueue work, and tolerate
/// seeing the same event twice.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
