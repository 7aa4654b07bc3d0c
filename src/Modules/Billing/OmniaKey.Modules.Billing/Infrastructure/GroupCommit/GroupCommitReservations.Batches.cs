using System.Diagnostics;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Leases;
using OmniaKey.Modules.Billing.Infrastructure.Telemetry;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>How each kind of batch splits into its fast path (one set-based transaction) and its slow path.</summary>
internal sealed partial class GroupCommitReservations
{
    private async Task ApplyReservationsAsync(IReadOnlyList<ReserveOperation> batch)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + settings.TimeToLive;
        var budgetRows = batch.Select(o => BudgetRowOf(o.Input, now)).ToList();
        var rows = batch
            .Select((o, i) => new Reservation(
                o.Input.RequestId, o.Input.AccountId, o.Input.KeyId, o.Input.Desired, now, expiresAt, o.Input.Model, o.Input.Provider,
                budgetRows[i]?.Period, budgetRows[i]?.PeriodStart, o.Input.Rate?.Tokens))
            .ToList();
        var limits = KeyLimitsOf(batch, budgetRows);
        ReserveOutcome outcome;
        var started = Stopwatch.GetTimestamp();
        var span = BillingTelemetry.StartBatch(BatchKind.Reserve, batch);
        try
        {
            outcome = await sql.ReserveAsync(rows, limits, CancellationToken.None);
            Counters.Batch();
            telemetry.BatchApplied(BatchKind.Reserve, batch.Count, started, committed: true, span);
        }
        catch (Exception e)
        {
            Counters.Failed();
            telemetry.BatchApplied(BatchKind.Reserve, batch.Count, started, committed: false, span);
            LogBatchFailed(e, BatchKind.Reserve, batch.Count);
            StartAside(batch, o => o.Input.AccountId, o => o.CompleteFromAsync(() => ReserveAloneAsync(o.Input)));
            return;
        }

        // An account whose balance did not cover its whole batch was not touched: each of its calls now gets the
        // exact up-to hold it would have had alone (a rare case: a nearly empty balance).
        // So did an account one of whose key budgets did not cover that key's calls in the batch: the slow path then
        // places each call's exact up-to hold, or refuses it with key_spend_limit_reached, one by one.
        // A call its key's rate limits refused was not inserted and holds nothing.
        var slow = new List<ReserveOperation>();
        var refused = new List<ReserveOperation>();
        foreach (var (operation, budgetRow) in batch.Zip(budgetRows))
        {
            if (outcome.RateRefused.Contains(operation.Input.RequestId))
            {
                refused.Add(operation);
            }
            else if (outcome.Debited.Contains(operation.Input.AccountId))
            {
                holds.Remember(operation.Input.RequestId, operation.Input.AccountId, operation.Input.Desired, expiresAt, now, budgetRow, operation.Input.Rate is not null);
                Counters.FastPath();
                operation.Complete(operation.Input.Desired);
            }
            else
            {
                slow.Add(operation);
            }
        }

        StartAside(slow, o => o.Input.AccountId, o => o.CompleteFromAsync(() => ReserveAloneAsync(o.Input)));
        StartAside(refused, o => o.Input.KeyId, o => o.CompleteFromAsync(() => RefuseRateAsync(o.Input)));
    }

    private static BatchKeyLimits KeyLimitsOf(IReadOnlyList<ReserveOperation> batch, List<BudgetRow?> budgetRows)
    {
        var budgets = BudgetLimits(batch, budgetRows);
        var rates = RateLimits(batch);
        return budgets.Count == 0 && rates.Count == 0 ? BatchKeyLimits.None : new BatchKeyLimits(budgets, rates);
    }

    /// <summary>Each rate-limited key's limits in this batch: per limit, the smallest any of its calls brought.</summary>
    private static Dictionary<Guid, KeyRates> RateLimits(IReadOnlyList<ReserveOperation> batch)
    {
        var rates = new Dictionary<Guid, KeyRates>();
        foreach (var operation in batch)
        {
            if (operation.Input.Rate is not { } rate)
            {
                continue;
            }

            var limits = new KeyRates(rate.RequestsPerMinute, rate.TokensPerMinute, rate.MaxConcurrentRequests);
            rates[operation.Input.KeyId] = rates.TryGetValue(operation.Input.KeyId, out var before)
                ? new KeyRates(Min(before.RequestsPerMinute, limits.RequestsPerMinute), Min(before.TokensPerMinute, limits.TokensPerMinute), Min(before.MaxConcurrentRequests, limits.MaxConcurrentRequests))
                : limits;
        }

        return rates;

        static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
    }

    /// <summary>
    /// Each budget row's limit in this batch: the smallest any of its calls brought (a limit changed while calls were
    /// queued applies to the whole batch, never the looser one). Empty when no call has a budget.
    /// </summary>
    private static Dictionary<BudgetRow, long> BudgetLimits(IReadOnlyList<ReserveOperation> batch, List<BudgetRow?> budgetRows)
    {
        var limits = new Dictionary<BudgetRow, long>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (budgetRows[i] is { } row && batch[i].Input.Budget is { } budget)
            {
                limits[row] = limits.TryGetValue(row, out var limit) ? Math.Min(limit, budget.Limit.NanoUsd) : budget.Limit.NanoUsd;
            }
        }

        return limits;
    }

    private async Task ApplySettlementsAsync(IReadOnlyList<SettleOperation> batch)
    {
        var now = clock.GetUtcNow();
        var fast = new List<FastRow>();
        var slow = new List<SettleOperation>();
        var fromLeases = new List<FastRow>();
        var slowFromLeases = new List<(SettleOperation Operation, LeaseHold Lent)>();
        foreach (var operation in batch)
        {
            if (leases.TryTake(operation.Input.RequestId, out var lent))
            {
                if (FastLeaseSettlement(operation.Input, lent, now) is { } leaseRow)
                {
                    fromLeases.Add(new(operation, leaseRow, lent));
                }
                else
                {
                    slowFromLeases.Add((operation, lent));
                }
            }
            else if (FastSettlement(operation.Input, now) is { } row)
            {
                fast.Add(new(operation, row, Lent: null));
            }
            else
            {
                slow.Add(operation);
            }
        }

        // A row the statement did not close was expired by the clean-up job (a late settlement) or already closed.
        await ApplyFastAsync(fast, rows => sql.SettleAsync(rows, now, CancellationToken.None), row => row.Usage.Id, f => slow.Add(f.Operation));

        // Holds lent by leases are drawn from their lease rows (docs/adr/0048-balance-leases.md); a lease the statement
        // did not draw on was closed by the clean-up job.
        await ApplyFastAsync(fromLeases, rows => leaseSql!.SettleFromLeasesAsync(rows, now, CancellationToken.None), row => row.LeaseId!, f => slowFromLeases.Add((f.Operation, f.Lent!.Value)));

        // Started only now, after the fast batches committed: a late settlement must find its reservation closed or not.
        StartAside(slow, o => o.Input.AccountId, o => o.CompleteFromAsync(() => SettleAloneAsync(o.Input)));
        StartAside(slowFromLeases, o => o.Operation.Input.AccountId, o => o.Operation.CompleteFromAsync(() => SettleFromLeaseAloneAsync(o.Operation.Input, o.Lent)));
    }

    /// <summary>
    /// Settlements whose cost fits their hold, in one transaction through <paramref name="apply"/>, which answers the
    /// keys (<paramref name="closedKey"/>) of the rows it closed. The others, or all of them if it failed, go to the
    /// slow path through <paramref name="toSlowPath"/>.
    /// </summary>
    private async Task ApplyFastAsync(
        List<FastRow> settlements,
        Func<IReadOnlyList<SettlementRow>, Task<IReadOnlySet<string>>> apply,
        Func<SettlementRow, string> closedKey,
        Action<FastRow> toSlowPath)
    {
        if (settlements.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var span = BillingTelemetry.StartBatch(BatchKind.Settle, settlements);
        try
        {
            var closed = await apply(settlements.ConvertAll(f => f.Row));
            Counters.Batch();
            telemetry.BatchApplied(BatchKind.Settle, settlements.Count, started, committed: true, span);
            foreach (var settlement in settlements)
            {
                if (!closed.Contains(closedKey(settlement.Row)))
                {
                    toSlowPath(settlement);
                    continue;
                }

                Counters.FastPath();
                telemetry.Settled(settlement.Operation.Input, settlement.Row.Usage.Charged);
                if (settlement.Lent is { } lent)
                {
                    leases.Settled(lent);
                }

                settlement.Operation.Complete(settlement.Row.Usage.Charged);
            }
        }
        catch (Exception e)
        {
            Counters.Failed();
            telemetry.BatchApplied(BatchKind.Settle, settlements.Count, started, committed: false, span);
            LogBatchFailed(e, BatchKind.Settle, settlements.Count);
            settlements.ForEach(toSlowPath);
        }
    }

    /// <summary>A settlement on the fast path: its row, and the lease hold it came from, if one lent it.</summary>
    private readonly record struct FastRow(SettleOperation Operation, SettlementRow Row, LeaseHold? Lent) : ITracedOperation
    {
        public ActivityContext Caller => Operation.Caller;
    }

    /// <summary>The fast path's row for a lent hold whose cost fits inside it; null when it must take the slow path.</summary>
    private static SettlementRow? FastLeaseSettlement(CallSettlement settlement, LeaseHold lent, DateTimeOffset now)
    {
        var held = Money.FromNanoUsd(lent.AmountNanoUsd);
        if (lent.Lease.AccountId != settlement.AccountId || settlement.Cost.NanoUsd < 0 || settlement.Cost > held)
        {
            return null;
        }

        return ChargedInFull(settlement, lent.AmountNanoUsd, now) with { LeaseId = lent.Lease.Id };
    }

    /// <summary>A fast settlement: the hold is released and the whole cost charged, with its ledger entry and usage record.</summary>
    private static SettlementRow ChargedInFull(CallSettlement settlement, long held, DateTimeOffset now)
    {
        var usage = UsageRecordFactory.From(settlement, settlement.Cost, now);
        var charge = settlement.Cost.IsPositive
            ? LedgerEntry.UsageCharge(settlement.AccountId, settlement.Cost, settlement.Model, settlement.RequestId, now)
            : null;
        return new SettlementRow(held, usage, charge);
    }

    /// <summary>
    /// The fast path's row for a settlement whose cost fits inside the hold this instance placed for it (so the
    /// balance cannot go below zero); null when it must take the slow path.
    /// </summary>
    private SettlementRow? FastSettlement(CallSettlement settlement, DateTimeOffset now)
    {
        if (!holds.TryTake(settlement.RequestId, out var hold)
            || hold.AccountId != settlement.AccountId
            || hold.ExpiresAt <= now
            || settlement.Cost.NanoUsd < 0
            || settlement.Cost > hold.Amount)
        {
            return null;
        }

        return ChargedInFull(settlement, hold.Amount.NanoUsd, now) with { Budget = hold.Budget, Rated = hold.Rated };
    }

    private async Task ApplyProgressAsync(IReadOnlyList<ProgressOperation> batch)
    {
        var now = clock.GetUtcNow();

        // Two reports of one call in one batch would upsert one row twice in one statement: keep them apart.
        if (batch.DistinctBy(o => o.Input.RequestId).Count() == batch.Count)
        {
            var started = Stopwatch.GetTimestamp();
            var span = BillingTelemetry.StartBatch(BatchKind.Progress, batch);
            try
            {
                await sql.RecordProgressAsync(batch.Select(o => UsageRecordFactory.From(o.Input, Money.Zero, now, UsageStatuses.InProgress)).ToList(), CancellationToken.None);
                Counters.Batch();
                telemetry.BatchApplied(BatchKind.Progress, batch.Count, started, committed: true, span);
                Counters.FastPath(batch.Count);
                foreach (var operation in batch)
                {
                    operation.Complete(true);
                }

                return;
            }
            catch (Exception e)
            {
                Counters.Failed();
                telemetry.BatchApplied(BatchKind.Progress, batch.Count, started, committed: false, span);
                LogBatchFailed(e, BatchKind.Progress, batch.Count);
            }
        }

        StartAside(batch, o => o.Input.AccountId, o => o.CompleteFromAsync(async () =>
        {
            await RecordProgressAloneAsync(o.Input);
            return true;
        }));
    }

    /// <summary>
    /// Hands slow-path operations to <see cref="SideRuns"/>, so that the flush loop goes on with the next batch. One
    /// account's operations still run one after another in batch order, so that an account running dry serves its
    /// calls first come, first served; different accounts' run side by side.
    /// </summary>
    private void StartAside<TOperation>(IEnumerable<TOperation> operations, Func<TOperation, Guid> account, Func<TOperation, Task> run)
    {
        foreach (var group in operations.GroupBy(account))
        {
            var inOrder = group.ToList();
            aside.Start(async () =>
            {
                foreach (var operation in inOrder)
                {
                    await run(operation);
                }
            });
        }
    }
}

internal sealed class ReserveOperation(ReservationRequest request) : PendingOperation<ReservationRequest, Money?>(request);

internal sealed class SettleOperation(CallSettlement settlement) : PendingOperation<CallSettlement, Money>(settlement);

internal sealed class ProgressOperation(CallSettlement progress) : PendingOperation<CallSettlement, bool>(progress);
