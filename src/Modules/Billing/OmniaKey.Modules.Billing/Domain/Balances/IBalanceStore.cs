using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Domain.Balances;

/// <summary>Reads and credits balances. Implemented with atomic SQL so that concurrent writers never lose money.</summary>
internal interface IBalanceStore
{
    Task<BalanceAccount?> FindAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="credit"/> and adds it to the available balance in one transaction. If an entry with the
    /// same account, type and reference already exists, nothing moves and that earlier entry is returned instead.
    /// </summary>
    Task<LedgerEntry> CreditAsync(LedgerEntry credit, CancellationToken cancellationToken);
}
