using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Compliance.Application.Reviews.ObserveCardCountry;

/// <summary>A paid top-up's card country, from Billing through the outbox: judged by <see cref="ObserveCardCountryCommand"/>.</summary>
internal sealed class PaymentCardCountryObservedIntegrationEventHandler(IDispatcher dispatcher)
    : IIntegrationEventHandler<PaymentCardCountryObservedIntegrationEvent>
{
    public Task HandleAsync(PaymentCardCountryObservedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        dispatcher.Send(new ObserveCardCountryCommand(integrationEvent.AccountId, integrationEvent.Country, integrationEvent.PaymentId), cancellationToken);
}
