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
}
