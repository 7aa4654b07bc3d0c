using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Domain.Payments;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Payments.ReceiveWebhook;

/// <summary>
/// Verifies, then records, then processes a webhook event. Idempotency has two layers (docs/adr/0010): an event
/// already processed is acknowledged at once; an event seen but not finished (a concurrent duplicate, or a retry
/// after a crash) is processed again, which is safe because every effect is itself idempotent — the credit by
/// checkout session, refunds and disputes by the provider's ids. The event is marked processed only at the end,
/// so a failure part-way answers 500 and the provider's retry completes the work.
/// </summary>
internal sealed partial class ReceivePaymentWebhookCommandHandler(
    IPaymentWebhookReader reader,
    IPaymentEventLog events,
    CheckoutCompletion checkouts,
    PaymentSynchronizer payments,
    ITopUpRepository topUps,
    IPaymentReversals reversals,
    IRefundStore refunds,
    TimeProvider clock,
    ILogger<ReceivePaymentWebhookCommandHandler> logger) : ICommandHandler<ReceivePaymentWebhookCommand, WebhookReceiptDto>
{
    public async Task<WebhookReceiptDto> Handle(ReceivePaymentWebhookCommand command, CancellationToken cancellationToken)
    {
        var webhook = reader.Read(command.Payload, command.Signature);
        if (await events.IsProcessedAsync(webhook.EventId, cancellationToken))
        {
            return new WebhookReceiptDto(true, webhook.EventId, WebhookOutcome.Duplicate);
        }

        await events.RecordReceivedAsync(new PaymentEvent(webhook.EventId, webhook.Type, webhook.ObjectId, clock.GetUtcNow()), cancellationToken);
        var outcome = webhook switch
        {
            CheckoutCompletedWebhook completed => await checkouts.CompleteAsync(completed, cancellationToken),
            ChargeRefundedWebhook refunded => await OnRefundedAsync(refunded, cancellationToken),
            DisputeCreatedWebhook disputed => await OnDisputedAsync(disputed, cancellationToken),
            DisputeClosedWebhook closed => await OnDisputeClosedAsync(closed, cancellationToken),
            RefundFailedWebhook failed => await OnRefundFailedAsync(failed, cancellationToken),
            _ => WebhookOutcome.Ignored,
        };
        await events.MarkProcessedAsync(webhook.EventId, outcome, clock.GetUtcNow(), cancellationToken);
        LogProcessed(webhook.EventId, webhook.Type, outcome);
        return new WebhookReceiptDto(true, webhook.EventId, outcome);
    }

    private async Task<string> OnRefundedAsync(ChargeRefundedWebhook refunded, CancellationToken cancellationToken)
    {
        var topUp = await topUps.FindPaidByPaymentAsync(refunded.PaymentId, refunded.ChargeId, cancellationToken);
        if (topUp is null)
        {
            return WebhookOutcome.UnmatchedPayment;
        }

        var recorded = await payments.ApplyRefundsAsync(topUp, refunded.ChargeId, cancellationToken);
        return recorded > 0 ? WebhookOutcome.RefundsRecorded : WebhookOutcome.NoNewRefunds;
    }

    private async Task<string> OnDisputedAsync(DisputeCreatedWebhook disputed, CancellationToken cancellationToken)
    {
        var dispute = disputed.Dispute;
        var topUp = await topUps.FindPaidByPaymentAsync(dispute.PaymentId, dispute.ChargeId, cancellationToken);
        if (topUp is null)
        {
            return WebhookOutcome.UnmatchedPayment;
        }

        // The dispute's record and its integration event commit together, so a redelivery has nothing to publish.
        return await payments.ApplyDisputeAsync(topUp, dispute, cancellationToken)
            ? WebhookOutcome.DisputeRecorded
            : WebhookOutcome.DisputeAlreadyRecorded;
    }

    private async Task<string> OnDisputeClosedAsync(DisputeClosedWebhook closed, CancellationToken cancellationToken) =>
        await reversals.CloseDisputeAsync(closed.DisputeId, closed.Status, cancellationToken) switch
        {
            DisputeClosure.Won => WebhookOutcome.DisputeWon,
            DisputeClosure.Lost => WebhookOutcome.DisputeLost,
            DisputeClosure.AlreadyClosed => WebhookOutcome.DisputeAlreadyClosed,
            _ => WebhookOutcome.UnknownDispute,
        };

    /// <summary>
    /// Only refunds of OmniaKey's own flow are recorded as refund parts; a failed refund made outside OmniaKey is
    /// acknowledged as unknown (its <c>charge.refunded</c> claw-back stands, for an operator to look at).
    /// </summary>
    private async Task<string> OnRefundFailedAsync(RefundFailedWebhook failed, CancellationToken cancellationToken)
    {
        var outcome = await refunds.FailPartAsync(failed.ProviderRefundId, failed.FailureReason ?? "unknown", clock.GetUtcNow(), cancellationToken);
        if (outcome == RefundPartFailure.Failed)
        {
            LogRefundFailed(failed.ProviderRefundId, failed.OmniaKeyRefundId, failed.FailureReason);
        }

        return outcome switch
        {
            RefundPartFailure.Failed => WebhookOutcome.RefundFailureRecorded,
            RefundPartFailure.AlreadyFailed => WebhookOutcome.RefundFailureAlreadyRecorded,
            _ => WebhookOutcome.UnknownRefund,
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Provider refund {ProviderRefundId} (refund {RefundId}) failed after it was accepted: {FailureReason}; the amount returns to the balance")]
    private partial void LogRefundFailed(string providerRefundId, string? refundId, string? failureReason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment webhook {EventId} ({Type}) processed: {Outcome}")]
    private partial void LogProcessed(string eventId, string type, string outcome);
}
