namespace OmniaKey.Modules.Billing.Domain.Ledger;

/// <summary>Reads the ledger: an account's entries newest first, and per-account totals for reconciliation.</summary>
internal interface ILedgerRepository
{
    /// <summary>Up to <paramref name="limit"/> entries of the account, newest first, strictly after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<LedgerEntry>> ListAsync(Guid accountId, LedgerPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>The ledger sum and balance of one account, or of every account that has either.</summary>
    Task<IReadOnlyList<LedgerTotals>> TotalsAsync(Guid? accountId, CancellationToken cancellationToken);
}

/// <summary>Where a page of the ledger ended: entries are ordered by creation time, then id, both descending.</summary>
internal sealed record LedgerPosition(DateTimeOffset CreatedAt, Guid Id);
