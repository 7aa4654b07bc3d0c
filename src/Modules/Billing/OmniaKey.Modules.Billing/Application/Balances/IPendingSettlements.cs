namespace OmniaKey.Modules.Billing.Application.Balances;

/// <summary>
/// Settlements this instance has accepted but not yet committed (the group commit applies them in batches). A read of
/// balances, the ledger or usage waits for them first, so that a customer who makes a call and then reads their
/// balance on the same instance always sees the charge (docs/adr/0018-billing-group-commit.md).
/// </summary>
internal interface IPendingSettlements
{
    /// <summary>Completes once every settlement of the account queued before this call has been applied (or failed).</summary>
    Task WaitForAccountAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>As <see cref="WaitForAccountAsync"/>, for every account (an admin's reconciliation of all balances).</summary>
    Task WaitForAllAsync(CancellationToken cancellationToken);
}
