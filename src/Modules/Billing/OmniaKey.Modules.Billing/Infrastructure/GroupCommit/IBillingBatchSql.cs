using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Usage;

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
    /// </summary>
    Task<IReadOnlySet<Guid>> ReserveAsync(IReadOnlyList<Reservation> reservations, CancellationToken cancellationToken);

    /// <summary>
    /// Closes each still-held reservation (matching id, account and amount), releases its hold, charges its cost
    /// (never more than the hold), writes its ledger entry (if any) and usage record (replacing an in-progress one).
    /// Returns the ids of the reservations it closed; the others are untouched.
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

/// <summary>One settlement of the fast path: its cost fits in <paramref name="Held"/>, so its usage charges the cost.</summary>
internal sealed record SettlementRow(long Held, UsageRecord Usage, LedgerEntry? Charge);
