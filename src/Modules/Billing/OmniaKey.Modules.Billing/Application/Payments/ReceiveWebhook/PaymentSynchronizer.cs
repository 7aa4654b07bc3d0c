using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Payments;

namespace OmniaKey.Modules.Billing.Application.Payments.ReceiveWebhook;

/// <summary>
/// Brings a paid top-up in line with the provider: its charge and card country, refunds made outside OmniaKey and
/// disputes. It reads state from the provider's API rather than trusting event order, so a refund or dispute whose
/// event arrived before the payment's completion is caught up when the completion is processed.
/// </summary>
internal sealed partial class PaymentSynchronizer(
    IPaymentGateway gateway,
    ITopUpRepository topUps,
    IPaymentReversals reversals,
    IIntegrationEventPublisher publisher,
    TimeProvider clock,
    ILogger<PaymentSynchronizer> logger)
{
    public async Task SynchronizeAsync(TopUp topUp, CancellationToken cancellationToken)
    {
        var charge = await gateway.GetChargeAsync(topUp.PaymentId!, cancellationToken);
        if (charge is null)
        {
            return;
        }

        // The card country is published through the outbox with the charge's record, so it is published exactly
        // when the record is made, once.
        if (topUp.ChargeId is null
            && await topUps.RecordChargeAsync(topUp.Id, charge.Id, charge.CardCountry, cancellationToken)
            && charge.CardCountry is { } country)
        {
            var now = clock.GetUtcNow();
            publisher.Publish(new PaymentCardCountryObservedIntegrationEvent(Guid.CreateVersion7(now), now, topUp.AccountId, country, topUp.PaymentId!, charge.Id));
        }

        await ApplyRefundsAsync(topUp, charge.Id, cancellationToken);
        foreach (var dispute in await gateway.ListDisputesAsync(charge.Id, cancellationToken))
        {
            await ApplyDisputeAsync(topUp, dispute, cancellationToken);
        }
    }

    /// <summary>Takes every not-yet-recorded external refund of the charge from the balance; returns how many.</summary>
    public async Task<int> ApplyRefundsAsync(TopUp topUp, string chargeId, CancellationToken cancellationToken)
    {
        var recorded = 0;
        var refunds = await gateway.ListRefundsAsync(chargeId, cancellationToken);
        foreach (var refund in refunds.Where(r => r.MovesMoney && !r.IsOmniaKeyRefund && r.AmountCents > 0))
        {
            var record = new PaymentRefund(refund.Id, topUp.Id, topUp.AccountId, chargeId, refund.AmountCents, clock.GetUtcNow());
            if (!await reversals.RecordRefundAsync(record, cancellationToken))
            {
                continue;
            }

            recorded++;
            LogRefundRecorded(refund.Id, topUp.AccountId, record.Amount.ToString(), record.Collected.ToString());
        }

        return recorded;
    }

    /// <summary>Claws back a dispute once and publishes it with the record; true if it was recorded by this call.</summary>
    public async Task<bool> ApplyDisputeAsync(TopUp topUp, ProviderDispute dispute, CancellationToken cancellationToken)
    {
        var record = new PaymentDispute(dispute.Id, topUp.Id, topUp.AccountId, dispute.ChargeId, dispute.AmountCents, dispute.Reason, clock.GetUtcNow());
        if (!await reversals.RecordDisputeAsync(record, cancellationToken))
        {
            return false;
        }

        LogDisputeRecorded(dispute.Id, topUp.AccountId, record.Amount.ToString(), record.ClawedBack.ToString());
        var now = clock.GetUtcNow();
        publisher.Publish(
            new PaymentDisputedIntegrationEvent(Guid.CreateVersion7(now), now, topUp.AccountId, dispute.Id, record.Amount.ToString(), record.ClawedBack.ToString()));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "External refund {RefundId} on account {AccountId}: {AmountUsd} USD refunded, {CollectedUsd} USD taken from the balance")]
    private partial void LogRefundRecorded(string refundId, Guid accountId, string amountUsd, string collectedUsd);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispute {DisputeId} flags account {AccountId}: {AmountUsd} USD disputed, {ClawedBackUsd} USD clawed back")]
    private partial void LogDisputeRecorded(string disputeId, Guid accountId, string amountUsd, string clawedBackUsd);
}
