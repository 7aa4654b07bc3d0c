using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// The set-based SQL of the group commit, one implementation per database provider. Each method applies a whole
/// batch in one transaction (all or nothing) and throws if anything in it fails; the caller then applies the batch's
/// operations one by one on the slow path.
/// </summary>
internal interface IBillingBatchSql
{
    /// <summary>How many operations of <paramref name="kind"/> fit in one batch (a provider's parameter limit).</summary>
    int MaxOperations(BatchKind kind);

    /// <summary>
    /// Per account, debits the total of its reservations from the available balance if it covers all of them (one
    /// conditional update) and inserts those reservations. Returns the accounts debited; the others are untouched.
    /// A reservation with a budget row (<see cref="Reservation.BudgetPeriod"/>) also reserves its amount on the key's
    /// budget row, in the same transaction: an account is debited only if its balance covers its whole batch and
    /// every budget row it uses covers that row's whole batch within <paramref name="budgetLimits"/> (both or
    /// neither, docs/adr/0041-exact-key-limits-through-the-group-commit.md). Empty for a batch without budgets,
    /// which then runs exactly the statements it ran before budgets existed.
    /// </summary>
    Task<IReadOnlySet<Guid>> ReserveAsync(
        IReadOnlyList<Reservation> reservations, IReadOnlyDictionary<BudgetRow, long> budgetLimits, CancellationToken cancellationToken);

    /// <summary>
    /// Closes each still-held reservation (matching id, account, amount and budget row), releases its hold, charges
    /// its cost (never more than the hold), writes its ledger entry (if any) and usage record (replacing an
    /// in-progress one); for a reservation with a budget row, releases the hold from the row and adds the cost to its
    /// spent amount in the same transaction. Returns the ids of the reservations it closed; the others are untouched.
    /// </summary>
    Task<IReadOnlySet<string>> SettleAsync(IReadOnlyList<SettlementRow> settlements, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Marks each still-held reservation as having progress and upserts its in-progress usage record. Returns the ids
    /// marked; a closed reservation is left alone.
    /// </summary>
    Task<IReadOnlySet<string>> RecordProgressAsync(IReadOnlyList<UsageRecord> progress, CancellationToken cancellationToken);
}

internal enum BatchKind
{
    Reserve,
    Settle,
    Progress,
}

/// <summary>
/// One settlement of the fast path: its cost fits in <paramref name="Held"/>, so its usage charges the cost.
/// <paramref name="Budget"/> is the key budget row its hold reserved on, if any.
/// </summary>
internal sealed record SettlementRow(long Held, UsageRecord Usage, LedgerEntry? Charge, BudgetRow? Budget = null);
