using System.Collections.Concurrent;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>Stands in for the modules that subscribe to Billing's integration events, and remembers what it saw.</summary>
public sealed class RecordedIntegrationEvents
    : IIntegrationEventHandler<PaymentCardCountryObservedIntegrationEvent>,
      IIntegrationEventHandler<PaymentDisputedIntegrationEvent>
{
    private readonly ConcurrentQueue<IIntegrationEvent> events = new();

    public IReadOnlyList<T> OfType<T>()
        where T : IIntegrationEvent => [.. events.OfType<T>()];

    public void Clear() => events.Clear();

    public Task HandleAsync(PaymentCardCountryObservedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        Record(integrationEvent);

    public Task HandleAsync(PaymentDisputedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        Record(integrationEvent);

    private Task Record(IIntegrationEvent integrationEvent)
    {
        events.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }
}
