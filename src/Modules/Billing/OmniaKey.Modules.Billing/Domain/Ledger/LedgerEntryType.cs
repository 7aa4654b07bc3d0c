namespace OmniaKey.Modules.Billing.Domain.Ledger;

/// <summary>Why a balance changed. Stored and shown in snake_case (<c>top_up</c>, <c>usage</c>, …).</summary>
internal enum LedgerEntryType
{
    TopUp,
    Usage,
    Refund,
    Adjustment,
    Forfeiture,
    PromotionalCredit,
    Chargeback,

    /// <summary>A won dispute: what its chargeback took from the balance comes back.</summary>
    ChargebackReversal,

    /// <summary>A provider refund of ours that failed after it had been entered: the amount comes back.</summary>
    RefundReversal,
}
