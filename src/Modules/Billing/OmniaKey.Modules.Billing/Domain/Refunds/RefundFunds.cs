using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Refunds;

/// <summary>
/// One paid top-up as a source of refunds: what its charge took, and what has gone back since — refunds made at the
/// provider outside OmniaKey, disputes, and OmniaKey's own refund parts against it.
/// </summary>
internal sealed record RefundSource(
    Guid TopUpId,
    string? ChargeId,
    string? PaymentId,
    DateTimeOffset PaidAt,
    long PaidCents,
    long ExternallyRefundedCents,
    long DisputedCents,
    long RefundedByOmniaKeyCents)
{
    /// <summary>
    /// What the charge can still give back: nothing once disputed (the bank holds the money and the provider refuses
    /// refunds), otherwise what was paid less every refund so far.
    /// </summary>
    public long RefundableCents =>
        DisputedCents > 0 ? 0 : Math.Max(0, PaidCents - ExternallyRefundedCents - RefundedByOmniaKeyCents);
}

/// <summary>
/// What an account could have refunded: its available balance, its paid top-ups, and how much of those the open
/// refunds (requested, approved or processing) have claimed but not yet taken back.
/// </summary>
internal sealed record RefundFunds(Money Available, IReadOnlyList<RefundSource> Sources, long OpenRefundsOutstandingCents);
