using System.Text.Json;
using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Billing.Application.Payments;
using Stripe;
using Stripe.Checkout;

namespace OmniaKey.Modules.Billing.Infrastructure.Payments;

/// <summary>
/// Verifies the <c>Stripe-Signature</c> header with Stripe.net's <see cref="EventUtility"/> (HMAC-SHA256 of
/// <c>{timestamp}.{payload}</c> with the webhook secret, timestamp at most 5 minutes from now) before reading
/// anything. Events of another API version are still read: the fields used here are stable across versions.
/// </summary>
internal sealed class StripeWebhookReader(StripeSettings settings, TimeProvider clock) : IPaymentWebhookReader
{
    private const long ToleranceSeconds = 300;
    private const string Field = "signature";

    public PaymentWebhook Read(string payload, string? signature)
    {
        var secret = settings.WebhookSecret
            ?? throw new ServiceUnavailableException("webhooks_not_configured", "Webhooks are not configured on this service (Stripe:WebhookSecret).");
        if (string.IsNullOrWhiteSpace(signature))
        {
            throw new RequestValidationException(Field, "The Stripe-Signature header is missing.");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(
                payload, signature, secret, ToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            throw new RequestValidationException(Field, $"The webhook signature is not valid: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new RequestValidationException(Field, $"The webhook payload is not a Stripe event: {e.Message}");
        }

        return stripeEvent.Data?.Object switch
        {
            Session session when stripeEvent.Type is EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded =>
                new CheckoutCompletedWebhook(
                    stripeEvent.Id, stripeEvent.Type, session.Id, session.PaymentStatus, session.AmountTotal, session.Currency, session.PaymentIntentId),
            Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded =>
                new ChargeRefundedWebhook(stripeEvent.Id, stripeEvent.Type, charge.Id, charge.PaymentIntentId),
            Dispute dispute when stripeEvent.Type == EventTypes.ChargeDisputeCreated =>
                new DisputeCreatedWebhook(stripeEvent.Id, stripeEvent.Type, StripePaymentGateway.ToDispute(dispute)),
            Refund refund when stripeEvent.Type == EventTypes.RefundFailed =>
                new RefundFailedWebhook(
                    stripeEvent.Id,
                    stripeEvent.Type,
                    refund.Id,
                    refund.Metadata?.GetValueOrDefault(StripePaymentGateway.OmniaKeyRefundMetadataKey),
                    refund.FailureReason),
            Dispute dispute when stripeEvent.Type == EventTypes.ChargeDisputeClosed =>
                new DisputeClosedWebhook(stripeEvent.Id, stripeEvent.Type, dispute.Id, dispute.Status ?? "unknown"),
            var other => new UnhandledWebhook(stripeEvent.Id, stripeEvent.Type, (other as IHasId)?.Id),
        };
    }
}
