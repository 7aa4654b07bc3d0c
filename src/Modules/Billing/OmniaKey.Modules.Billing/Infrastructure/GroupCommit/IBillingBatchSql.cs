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
    /// With <paramref name="limits"/> (empty for a batch without key limits, which then runs exactly the statements it
    /// ran before key limits existed; docs/adr/0041-exact-key-limits-through-the-group-commit.md):
    /// a reservation of a key with rate limits is first counted against the key's reservations of the last minute and
    /// in flight, in queue order, and refused (<see cref="ReserveOutcome.RateRefused"/>, not inserted) when it does not
    /// fit; a reservation with a budget row (<see cref="Reservation.BudgetPeriod"/>) also reserves its amount on that
    /// row, in the same transaction: an account is debited only if its balance covers its admitted calls and every
    /// budget row they use covers that row's total (both or neither).
    /// </summary>
    Task<ReserveOutcome> ReserveAsync(IReadOnlyList<Reservation> reservations, BatchKeyLimits limits, CancellationToken cancellationToken);

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

    /// <summary>
    /// Prepares what the first batch would otherwise pay for (a pool's first connection, its statements' first
    /// parameters), changing no row (docs/adr/0051). Where that costs nothing worth saving, nothing.
    /// </summary>
    Task WarmAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal enum BatchKind
{
    Reserve,
    Settle,
    Progress,
}

/// <summary>
/// One settlement of the fast path: its cost fits in <paramref name="Held"/>, so its usage charges the cost.
/// <paramref name="Budget"/> is the key budget row its hold reserved on, if any; <paramref name="Rated"/> says its key
/// has rate limits, so its reservation must count the tokens billed from now on. <paramref name="LeaseId"/> is the
/// balance lease its hold was lent from, if it was (docs/adr/0048-balance-leases.md): the hold then comes out of that
/// lease's row instead of a reservation of the call's own.
/// </summary>
internal sealed record SettlementRow(long Held, UsageRecord Usage, LedgerEntry? Charge, BudgetRow? Budget = null, bool Rated = false, string? LeaseId = null)
{
    /// <summary>Whether the settlement needs the statement that also moves key limits.</summary>
    public bool HasKeyLimits => Budget is not null || Rated;
}

/// <summary>
/// The key limits of one reservation batch: each budget row's limit, and each rate-limited key's limits (the smallest
/// any of the batch's calls brought, so a limit lowered while calls were queued is never loosened).
/// </summary>
internal sealed record BatchKeyLimits(IReadOnlyDictionary<BudgetRow, long> Budgets, IReadOnlyDictionary<Guid, KeyRates> Rates)
{
    public static BatchKeyLimits None { get; } = new(new Dictionary<BudgetRow, long>(), new Dictionary<Guid, KeyRates>());

    public bool IsEmpty => Budgets.Count == 0 && Rates.Count == 0;
}

/// <summary>A key's rate limits in a batch (null: no such limit).</summary>
internal sealed record KeyRates(long? RequestsPerMinute, long? TokensPerMinute, long? MaxConcurrentRequests);

/// <summary>What a reservation batch did: the accounts debited, and the reservations refused by their key's rate limits.</summary>
internal sealed record ReserveOutcome(IReadOnlySet<Guid> Debited, IReadOnlySet<string> RateRefused)
{
    public static ReserveOutcome Of(IReadOnlySet<Guid> debited) => new(debited, new HashSet<string>());
}
