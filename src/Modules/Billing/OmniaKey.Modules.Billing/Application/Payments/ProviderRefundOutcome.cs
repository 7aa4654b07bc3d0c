namespace OmniaKey.Modules.Billing.Application.Payments;

/// <summary>
/// A refund of <see cref="AmountCents"/> against one charge, for OmniaKey refund <see cref="RefundId"/>. The
/// provider's idempotency key is built from the refund, the charge and the <see cref="Attempt"/>: the client's own
/// network retries within an attempt reuse it, while a later attempt gets a fresh one, because the provider replays
/// the stored answer — even a server error — to a reused key.
/// </summary>
internal sealed record ProviderRefundRequest(Guid RefundId, Guid AccountId, string ChargeId, long AmountCents, int Attempt);

/// <summary>What the provider answered to a <see cref="ProviderRefundRequest"/>.</summary>
internal abstract record ProviderRefundOutcome
{
    /// <summary>The provider refunded (or is refunding) the money.</summary>
    internal sealed record Created(ProviderRefund Refund) : ProviderRefundOutcome;

    /// <summary>The provider refused this charge for good (e.g. already refunded, disputed); another charge may serve.</summary>
    internal sealed record Rejected(string Reason) : ProviderRefundOutcome;

    /// <summary>The provider could not be reached or failed (5xx, rate limit, timeout); trying later may succeed.</summary>
    internal sealed record Unavailable(string Reason) : ProviderRefundOutcome;
}
