using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Payments;

/// <summary>
/// A refund of a top-up's charge made at the payment provider rather than through OmniaKey (e.g. from the Stripe
/// dashboard). Its id is the provider's refund id, so each refund is taken from the balance at most once.
/// <see cref="Collected"/> is what the balance still held; the rest had already been spent.
/// </summary>
internal sealed class PaymentRefund
{
    public PaymentRefund(string id, Guid topUpId, Guid accountId, string chargeId, long amountCents, DateTimeOffset createdAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(amountCents, 0);
        Id = id;
        TopUpId = topUpId;
        AccountId = accountId;
        ChargeId = chargeId;
        AmountCents = amountCents;
        CreatedAt = createdAt;
    }

    public string Id { get; private set; }

    public Guid TopUpId { get; private set; }

    public Guid AccountId { get; private set; }

    public string ChargeId { get; private set; }

    public long AmountCents { get; private set; }

    public Money Collected { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Money Amount => Money.FromCents(AmountCents);

    public Money Uncollected => Amount - Collected;

    public void RecordCollected(Money collected) => Collected = collected;
}
