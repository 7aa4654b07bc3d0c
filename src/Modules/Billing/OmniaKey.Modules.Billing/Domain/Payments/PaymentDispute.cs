using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Payments;

/// <summary>
/// A chargeback the payer opened with their bank against a top-up's charge. The disputed amount is clawed back
/// from the balance as far as it reaches (<see cref="ClawedBack"/>), and the dispute itself flags the account
/// for an operator. Its id is the provider's dispute id, so a dispute claws back at most once, and a won dispute
/// gives back what it clawed back at most once.
/// </summary>
internal sealed class PaymentDispute
{
    public const string Open = "open";
    public const string Won = "won";

    public PaymentDispute(string id, Guid topUpId, Guid accountId, string chargeId, long amountCents, string reason, DateTimeOffset createdAt)
    {
        Id = id;
        TopUpId = topUpId;
        AccountId = accountId;
        ChargeId = chargeId;
        AmountCents = amountCents;
        Reason = reason;
        CreatedAt = createdAt;
        Status = Open;
    }

    public string Id { get; private set; }

    public Guid TopUpId { get; private set; }

    public Guid AccountId { get; private set; }

    public string ChargeId { get; private set; }

    public long AmountCents { get; private set; }

    public string Reason { get; private set; }

    public Money ClawedBack { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary><c>open</c> until the provider closes it: then <c>won</c> (the claw-back is restored) or <c>lost</c>.</summary>
    public string Status { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public Money Amount => Money.FromCents(AmountCents);

    public Money Uncollected => Amount - ClawedBack;

    public void RecordClawedBack(Money clawedBack) => ClawedBack = clawedBack;
}
