using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Ledger.ReconcileBalances;

/// <summary>Checks that the ledger sums to the balance, for one account or (when null) every account.</summary>
internal sealed record ReconcileBalancesQuery(Guid? AccountId) : IQuery<ReconciliationDto>;

/// <summary><c>{data, next_cursor, checked_accounts, unbalanced_accounts}</c>; all accounts fit in one answer.</summary>
internal sealed record ReconciliationDto(
    IReadOnlyList<AccountReconciliationDto> Data,
    string? NextCursor,
    int CheckedAccounts,
    int UnbalancedAccounts);

/// <summary>One account: ledger sum, available, reserved, their sum (balance), and whether ledger sum equals balance.</summary>
internal sealed record AccountReconciliationDto(
    Guid AccountId,
    string LedgerSumUsd,
    string AvailableUsd,
    string ReservedUsd,
    string BalanceUsd,
    bool Balanced);
