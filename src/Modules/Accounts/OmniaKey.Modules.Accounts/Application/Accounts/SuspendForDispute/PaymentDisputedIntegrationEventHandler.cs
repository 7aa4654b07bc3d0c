using System.Globalization;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SuspendForDispute;

/// <summary>
/// A disputed payment stops the account's spending until an operator has looked at it (docs/adr/0017). Delivered
/// through the outbox; the inbox makes the suspension happen once per event, and suspending again is harmless anyway.
/// It is the suspension a Restricted Territory review uses too (SuspendAccountForReviewCommand), with the dispute as
/// its reason.
/// </summary>
internal sealed class PaymentDisputedIntegrationEventHandler(IDispatcher dispatcher) : IIntegrationEventHandler<PaymentDisputedIntegrationEvent>
{
    public Task HandleAsync(PaymentDisputedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        dispatcher.Send(new SuspendAccountForReviewCommand(integrationEvent.AccountId, ReasonOf(integrationEvent)), cancellationToken);

    private static string ReasonOf(PaymentDisputedIntegrationEvent e)
    {
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"payment_disputed: dispute {e.DisputeId} of {e.DisputedUsd} USD ({e.ClawedBackUsd} USD clawed back); awaiting operator review");
        return reason.Length <= 500 ? reason : reason[..500];
    }
}
