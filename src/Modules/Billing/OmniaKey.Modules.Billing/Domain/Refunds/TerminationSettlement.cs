using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Refunds;

/// <summary>
/// What Billing did with an account's balance when the account was terminated (Terms §9): forfeited it for a
/// material breach, or queued a refund of the unused paid balance. One per account, which is what makes handling a
/// redelivered termination event do nothing.
/// </summary>
internal sealed class TerminationSettlement
{
    public TerminationSettlement(Guid accountId, bool materialBreach, DateTimeOffset settledAt)
    {
        AccountId = accountId;
        MaterialBreach = materialBreach;
        SettledAt = settledAt;
    }

    public Guid AccountId { get; private set; }

    public bool MaterialBreach { get; private set; }

    /// <summary>
    /// What a material breach took from the balance (<c>forfeiture</c> ledger entries), including money that came
    /// back after the termination (docs/adr/0053).
    /// </summary>
    public Money Forfeited { get; private set; }

    /// <summary>The refund queued for the unused paid balance, if there was any.</summary>
    public Guid? RefundId { get; private set; }

    public DateTimeOffset SettledAt { get; private set; }

    public void RecordForfeited(Money forfeited) => Forfeited = forfeited;

    /// <summary>Money that came back after the termination, forfeited as the rest was.</summary>
    public void AddForfeited(Money forfeited) => Forfeited += forfeited;

    public void RecordRefund(Guid? refundId) => RefundId = refundId;
}

/// <summary>Records termination settlements; see <see cref="TerminationSettlement"/>.</summary>
internal interface ITerminationSettlements
{
    Task<bool> ExistsAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>
    /// For a material breach, in one transaction: records the settlement, denies the account's refunds still pending
    /// approval (their holds return to available) and forfeits the whole available balance with a <c>forfeiture</c>
    /// ledger entry. Money reserved by calls in flight settles as usual. False if the account was settled before.
    /// </summary>
    Task<bool> ForfeitAsync(TerminationSettlement settlement, string reason, CancellationToken cancellationToken);

    /// <summary>Records a settlement without forfeiture; false if the account was settled before.</summary>
    Task<bool> RecordAsync(TerminationSettlement settlement, CancellationToken cancellationToken);

    /// <summary>The account's settlement, tracked for a change; null if its termination was not settled.</summary>
    Task<TerminationSettlement?> FindAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Accounts settled since <paramref name="settledSince"/> that have money available and none reserved (no call in
    /// flight, no lease on any instance). All of them: an account left with credit nothing may refund stays on this
    /// list until the window passes, and a cap would let such accounts hide the others.
    /// </summary>
    Task<IReadOnlyList<Guid>> ListWithMoneyLeftAsync(DateTimeOffset settledSince, CancellationToken cancellationToken);

    /// <summary>
    /// For a material breach: forfeits what is available now (a <c>forfeiture</c> ledger entry) and adds it to
    /// <paramref name="settlement"/>. Returns the amount; zero when nothing was available.
    /// </summary>
    Task<Money> ForfeitRemainderAsync(TerminationSettlement settlement, CancellationToken cancellationToken);
}
