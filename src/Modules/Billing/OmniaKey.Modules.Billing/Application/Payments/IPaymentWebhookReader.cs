namespace OmniaKey.Modules.Billing.Application.Payments;

/// <summary>Verifies a webhook delivery's signature and reads the event it carries.</summary>
internal interface IPaymentWebhookReader
{
    /// <summary>
    /// The event in <paramref name="payload"/>, after checking <paramref name="signature"/> against the webhook secret
    /// and the delivery's age. Throws a validation error (400) when the signature is missing, wrong or too old.
    /// </summary>
    PaymentWebhook Read(string payload, string? signature);
}

/// <summary>A verified webhook event, reduced to what Billing acts on.</summary>
internal abstract record PaymentWebhook(string EventId, string Type, string? ObjectId);

/// <summary>A checkout session completed (or its delayed payment succeeded).</summary>
internal sealed record CheckoutCompletedWebhook(
    string EventId,
    string Type,
    string SessionId,
    string? PaymentStatus,
    long? AmountTotalCents,
    string? Currency,
    string? PaymentId) : PaymentWebhook(EventId, Type, SessionId)
{
    public bool IsPaid => PaymentStatus == "paid";
}

internal sealed record ChargeRefundedWebhook(string EventId, string Type, string ChargeId, string? PaymentId)
    : PaymentWebhook(EventId, Type, ChargeId);

internal sealed record DisputeCreatedWebhook(string EventId, string Type, ProviderDispute Dispute)
    : PaymentWebhook(EventId, Type, Dispute.Id);

/// <summary>
/// A refund the provider accepted has failed after all (e.g. the card was closed): the money never reached the payer.
/// <see cref="OmniaKeyRefundId"/> is the refund's <c>omniakey_refund_id</c> metadata, when it is one of ours.
/// </summary>
internal sealed record RefundFailedWebhook(string EventId, string Type, string ProviderRefundId, string? OmniaKeyRefundId, string? FailureReason)
    : PaymentWebhook(EventId, Type, ProviderRefundId);

/// <summary>A dispute was decided: <see cref="Status"/> is <c>won</c>, <c>lost</c> (or <c>warning_closed</c> for an inquiry).</summary>
internal sealed record DisputeClosedWebhook(string EventId, string Type, string DisputeId, string Status)
    : PaymentWebhook(EventId, Type, DisputeId);

/// <summary>Any other event type: acknowledged and recorded, nothing else.</summary>
internal sealed record UnhandledWebhook(string EventId, string Type, string? ObjectId) : PaymentWebhook(EventId, Type, ObjectId);
