namespace OmniaKey.Modules.Billing.Domain.Balances;

/// <summary>
/// What one key has spent and holds in one budget period (<c>total</c>: one row forever; <c>day</c>/<c>month</c>:
/// one row per UTC day or month), in nano-USD. The limit is not stored here: it comes with each hold from the cached
/// key, so a changed limit applies to the next hold. Like the balance, the numbers only change through conditional
/// SQL increments (<c>KeyBudgetStore</c>), never by loading and saving this entity (docs/adr/0033-key-budgets.md).
/// </summary>
internal sealed class KeyBudgetUsage
{
    public KeyBudgetUsage(Guid keyId, string period, DateTimeOffset periodStart, Guid accountId)
    {
        KeyId = keyId;
        Period = period;
        PeriodStart = periodStart;
        AccountId = accountId;
    }

    public Guid KeyId { get; private set; }

    /// <summary><c>total</c>, <c>day</c> or <c>month</c>: part of the key, so changing the period starts afresh.</summary>
    public string Period { get; private set; }

    public DateTimeOffset PeriodStart { get; private set; }

    public Guid AccountId { get; private set; }

    /// <summary>Charged by settled (or expired) calls in the period.</summary>
    public long SpentNanoUsd { get; private set; }

    /// <summary>Held by calls in flight that were admitted in the period.</summary>
    public long ReservedNanoUsd { get; private set; }
}
