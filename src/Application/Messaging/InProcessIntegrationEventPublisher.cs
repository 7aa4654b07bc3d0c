using Microsoft.Extensions.DependencyInjection;

namespace OmniaKey.Application.Messaging;

/// <summary>
/// Hands an event to its handlers in the caller's scope, one after another. There is no outbox yet: the publisher
/// calls it after its own change has committed, and a failure surfaces to the publisher, which may retry.
/// </summary>
internal sealed class InProcessIntegrationEventPublisher(IServiceProvider services) : IIntegrationEventPublisher
{
    public async Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent
    {
        foreach (var handler in services.GetServices<IIntegrationEventHandler<TEvent>>())
        {
            await handler.HandleAsync(integrationEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
