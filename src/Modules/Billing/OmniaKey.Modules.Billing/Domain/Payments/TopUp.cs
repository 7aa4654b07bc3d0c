using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Payments;

/// <summary>
/// A top-up a customer started: the payment provider's checkout session OmniaKey created for it, and once paid,
/// the payment, its charge and the card's country. Only a session recorded here can credit a balance.
/// Like balances, it changes only through conditional updates (<see cref="ITopUpRepository"/>), because webhook
/// deliveries for the same payment may run concurrently on several instances.
/// </summary>
internal sealed class TopUp
{
    public TopUp(Guid id, Guid accountId, string checkoutSessionId, long amountCents, DateTimeOffset createdAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(amountCents, 0);
        Id = id;
        AccountId = accountId;
        CheckoutSessionId = checkoutSessionId;
        AmountCents = amountCents;
        CreatedAt = createdAt;
        Status = TopUpStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public string CheckoutSessionId { get; private set; }

    /// <summary>What the customer asked to pay, in US cents.</summary>
    public long AmountCents { get; private set; }

    public TopUpStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    /// <summary>What the provider reported as paid (the session's total), in US cents; this is what was credited.</summary>
    public long? PaidCents { get; private set; }

    /// <summary>The provider's payment id (a Stripe PaymentIntent).</summary>
    public string? PaymentId { get; private set; }

    public string? ChargeId { get; private set; }

    /// <summary>ISO 3166-1 alpha-2 country of the card, when the payment was by card.</summary>
    public string? CardCountry { get; private set; }

    /// <summary>The <c>top_up</c> ledger entry that credited the payment.</summary>
    public Guid? LedgerEntryId { get; private set; }

    /// <summary>The provider event that completed the payment.</summary>
    public string? PaidByEventId { get; private set; }

    public Money Amount => Money.FromCents(AmountCents);
}

internal enum TopUpStatus
{
    Pending,
    Paid,
}
