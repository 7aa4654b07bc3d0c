namespace OmniaKey.Modules.Billing.Application.Payments;

/// <summary>
/// The payment provider's API as Billing needs it (implemented with Stripe.net in the module's infrastructure).
/// Failures to reach the provider surface as exceptions; callers let them fail the request so it can be retried.
/// </summary>
internal interface IPaymentGateway
{
    /// <summary>Creates a hosted checkout page for a USD top-up; safe to retry for the same top-up id.</summary>
    Task<CreatedCheckoutSession> CreateCheckoutSessionAsync(CheckoutSessionRequest request, CancellationToken cancellationToken);

    /// <summary>The latest charge of a payment, or null when it has none.</summary>
    Task<PaymentCharge?> GetChargeAsync(string paymentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProviderRefund>> ListRefundsAsync(string chargeId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProviderDispute>> ListDisputesAsync(string chargeId, CancellationToken cancellationToken);

    /// <summary>
    /// Refunds part of a charge for one of OmniaKey's own refunds, marked as such for the webhooks. The provider's
    /// answer, good or bad, is the outcome; nothing is thrown for it (see <see cref="ProviderRefundOutcome"/>).
    /// </summary>
    Task<ProviderRefundOutcome> CreateRefundAsync(ProviderRefundRequest request, CancellationToken cancellationToken);
}

internal sealed record CheckoutSessionRequest(Guid TopUpId, Guid AccountId, long AmountCents);

internal sealed record CreatedCheckoutSession(string Id, string Url);

/// <summary>A charge and, for card payments, the ISO 3166-1 alpha-2 country that issued the card (upper case).</summary>
internal sealed record PaymentCharge(string Id, string? CardCountry);

/// <summary>
/// A refund at the provider. <see cref="OmniaKeyRefundId"/> marks refunds OmniaKey's own refund flow created: those
/// leave the balance through that flow and must not be taken again.
/// </summary>
internal sealed record ProviderRefund(string Id, string ChargeId, long AmountCents, string Status, string? OmniaKeyRefundId)
{
    public bool IsOmniaKeyRefund => OmniaKeyRefundId is not null;

    /// <summary>Pending refunds count: the money is on its way back to the payer.</summary>
    public bool MovesMoney => Status is "succeeded" or "pending";
}

internal sealed record ProviderDispute(string Id, string ChargeId, string? PaymentId, long AmountCents, string Reason);
