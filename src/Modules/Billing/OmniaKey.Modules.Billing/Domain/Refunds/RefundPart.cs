using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Refunds;

/// <summary>
/// One refund made at the payment provider for a <see cref="Refund"/>: part of it, against one top-up's charge. Its
/// id is the provider's refund id, so recording the same provider refund twice (a retry, a crash recovery) adds
/// nothing. Recorded as soon as the provider confirms it, before the refund as a whole finishes.
/// </summary>
internal sealed class RefundPart
{
    /// <summary>The provider status of a refund that failed after it was accepted (<c>refund.failed</c>).</summary>
    public const string FailedStatus = "failed";

    public RefundPart(string id, Guid refundId, Guid accountId, Guid topUpId, string chargeId, long amountCents, string providerStatus, DateTimeOffset createdAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(amountCents, 0);
        Id = id;
        RefundId = refundId;
        AccountId = accountId;
        TopUpId = topUpId;
        ChargeId = chargeId;
        AmountCents = amountCents;
        ProviderStatus = providerStatus;
        CreatedAt = createdAt;
    }

    public string Id { get; private set; }

    public Guid RefundId { get; private set; }

    public Guid AccountId { get; private set; }

    public Guid TopUpId { get; private set; }

    public string ChargeId { get; private set; }

    public long AmountCents { get; private set; }

    /// <summary>
    /// The provider's status when it answered (<c>succeeded</c> or <c>pending</c>), or <c>failed</c> once the provider
    /// reported that it failed after all: then it took nothing back.
    /// </summary>
    public string ProviderStatus { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Money Amount => Money.FromCents(AmountCents);

    public bool IsFailed => ProviderStatus == FailedStatus;
}
