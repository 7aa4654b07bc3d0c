using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Leases;
using OmniaKey.Modules.Billing.Infrastructure.Telemetry;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// The hot path's reservations and settlements by group commit (docs/adr/0018-billing-group-commit.md): concurrent
/// calls' operations are queued in-process, one queue and one flush loop per kind, and applied in batches by
/// set-based SQL (<see cref="IBillingBatchSql"/>), one transaction a batch. What the batch cannot decide alone — a
/// balance that does not cover an account's whole batch, a cost above its hold, a hold the clean-up job already
/// expired — goes, operation by operation, to <see cref="SingleCallReservations"/>, the exact per-call logic. So does
/// every operation of a batch that failed, so that each gets the outcome it would have had alone. Where the provider
/// settles from balance leases (docs/adr/0048-balance-leases.md), a call of a key without limits holds from its
/// account's lease in memory (<see cref="BalanceLeases"/>) and never queues a reservation at all.
/// </summary>
internal sealed partial class GroupCommitReservations : IBalanceReservations, IAsyncDisposable
{
    private readonly IBillingBatchSql sql;
    private readonly IServiceScopeFactory scopes;
    private readonly ReservationSettings settings;
    private readonly TimeProvider clock;
    private readonly PendingSettlements pending;
    private readonly ILogger<GroupCommitReservations> logger;
    private readonly BillingTelemetry telemetry;
    private readonly HeldAmounts holds = new();
    private readonly BalanceLeases leases;
    private readonly ILeaseBatchSql? leaseSql;
    private readonly SideRuns aside = new();
    private readonly OperationQueue<ReserveOperation> reserves;
    private readonly OperationQueue<SettleOperation> settlements;
    private readonly OperationQueue<ProgressOperation> progress;
    private int stopped;

    public GroupCommitReservations(
        IBillingBatchSql sql,
        IServiceScopeFactory scopes,
        ReservationSettings settings,
        GroupCommitSettings groupCommit,
        TimeProvider clock,
        PendingSettlements pending,
        BalanceLeases leases,
        BillingTelemetry telemetry,
        ILogger<GroupCommitReservations> logger)
    {
        this.sql = sql;
        this.scopes = scopes;
        this.settings = settings;
        this.clock = clock;
        this.pending = pending;
        this.leases = leases;
        leaseSql = leases.Enabled ? sql as ILeaseBatchSql : null;
        this.logger = logger;
        this.telemetry = telemetry;
        telemetry.ObserveHolds(() => holds.Count, holds.TotalNanoUsd);
        reserves = new(BatchSize(BatchKind.Reserve, groupCommit), ApplyReservationsAsync);
        settlements = new(BatchSize(BatchKind.Settle, groupCommit), ApplySettlementsAsync);
        progress = new(BatchSize(BatchKind.Progress, groupCommit), ApplyProgressAsync);
        reserves.Start();
        settlements.Start();
        progress.Start();
    }

    /// <summary>Holds this instance placed and has not settled yet (for tests and diagnostics).</summary>
    public int OutstandingHolds => holds.Count;

    public GroupCommitCounters Counters { get; } = new();

    /// <remarks>
    /// The caller's token only stops a call that has not been queued: once queued, the hold is placed whatever the
    /// caller does, because abandoning it half-way would leave a hold that nobody settles until it expires.
    /// </remarks>
    public Task<Money?> TryReserveUpToAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<Money?>(cancellationToken);
        }

        var activity = BillingTelemetry.StartOperation("omniakey.billing.reserve", request.Model, request.Provider);
        var reserved = Reserve(request);
        return activity is null ? reserved : BillingTelemetry.EndWhenDone(activity, reserved, static (span, held) => span.SetTag("omniakey.billing.held", held is not null));
    }

    private Task<Money?> Reserve(ReservationRequest request)
    {
        // A key with limits counts its calls in the database, so its holds are rows of their own: only plain keys lend.
        if (leaseSql is not null && request.Budget is null && request.Rate is null && Volatile.Read(ref stopped) == 0)
        {
            return leases.TryLend(request) ? Task.FromResult<Money?>(request.Desired) : ReserveOwnOrFromUnlentAsync(request);
        }

        // A key with a budget is batched too: its budget row moves in the batch's transaction with the balance
        // (docs/adr/0041-exact-key-limits-through-the-group-commit.md).
        if (request.Rate?.MaxConcurrentRequests is not null)
        {
            return ReserveAfterOwnSettlementsAsync(request);
        }

        return ReserveOwn(request);
    }

    /// <summary>
    /// A call its account's lease could not lend to takes its own hold; if the balance refuses it, this instance's lease
    /// gives back what it has not lent and the hold is tried once more, so no call is refused for money that sits idle
    /// in a lease of this instance.
    /// </summary>
    private async Task<Money?> ReserveOwnOrFromUnlentAsync(ReservationRequest request) =>
        await ReserveOwn(request) ?? (await leases.ReturnUnlentAsync(request.AccountId) ? await ReserveOwn(request) : null);

    /// <summary>The call's own hold, a reservation row placed by the next batch.</summary>
    private Task<Money?> ReserveOwn(ReservationRequest request)
    {
        var operation = new ReserveOperation(request);
        return reserves.TryEnqueue(operation) ? operation.Task : ReserveAloneAsync(request);
    }

    /// <summary>
    /// A key with a concurrency limit counts its calls in flight from its held reservations, and this instance answers
    /// a call before its settlement commits (docs/adr/0019): so a client that read its answer and calls again would
    /// find its previous call still counted. Its hold first waits for the account's settlements this instance has
    /// queued (normally one flush, milliseconds). Only keys with a concurrency limit pay this.
    /// </summary>
    private async Task<Money?> ReserveAfterOwnSettlementsAsync(ReservationRequest request)
    {
        await pending.WaitForAccountAsync(request.AccountId, CancellationToken.None);
        var operation = new ReserveOperation(request);
        return await (reserves.TryEnqueue(operation) ? operation.Task : ReserveAloneAsync(request));
    }

    public Task RecordProgressAsync(CallSettlement progress, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (leases.TryTake(progress.RequestId, out var lent))
        {
            return GiveOwnHoldThenRecordAsync(progress, lent);
        }

        var operation = new ProgressOperation(progress);
        return this.progress.TryEnqueue(operation) ? operation.Task : RecordProgressAloneAsync(progress);
    }

    /// <summary>
    /// A call that holds from a lease and runs long enough to record progress first gets a reservation of its own,
    /// its hold moved out of the lease, so that a crash settles it from its progress like any other call (ADR 0012).
    /// Only calls running longer than <c>Upstreams:ProgressRecordSeconds</c> pay this round trip, once.
    /// </summary>
    private async Task GiveOwnHoldThenRecordAsync(CallSettlement progress, LeaseHold lent)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + settings.TimeToLive;
        bool own;
        try
        {
            own = await AloneAsync<ILeaseStore, bool>(store => store.GiveOwnHoldAsync(progress, lent, expiresAt, CancellationToken.None));
        }
        catch
        {
            leases.PutBack(progress.RequestId, lent);
            throw;
        }

        if (!own)
        {
            // The lease's row is closed (expired): the call settles late, from the balance, when it ends.
            leases.PutBack(progress.RequestId, lent);
            return;
        }

        holds.Remember(progress.RequestId, progress.AccountId, Money.FromNanoUsd(lent.AmountNanoUsd), expiresAt, now);
        leases.Settled(lent);
        await RecordProgressAsync(progress, CancellationToken.None);
    }

    public Task<Money> SettleAsync(CallSettlement settlement, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<Money>(cancellationToken);
        }

        var activity = BillingTelemetry.StartOperation("omniakey.billing.settle", settlement.Model, settlement.Provider);
        activity?.SetTag("omniakey.billing.status", settlement.Status);
        var operation = new SettleOperation(settlement);
        var settled = settlements.TryEnqueue(operation) ? operation.Task : SettleAloneAsync(settlement);
        pending.Track(settlement.AccountId, settled);
        return activity is null ? settled : BillingTelemetry.EndWhenDone(activity, settled, static (span, charged) => span.SetTag("omniakey.billing.charged_nano_usd", charged.NanoUsd));
    }

    /// <summary>Takes no more operations into batches and applies what is queued (on host shutdown).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        await Task.WhenAll(reserves.StopAsync(), settlements.StopAsync(), progress.StopAsync());
        await aside.WhenIdleAsync();

        // Every settlement this instance queued has committed: its leases give back what is left and close.
        await leases.ReturnAllAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private int BatchSize(BatchKind kind, GroupCommitSettings groupCommit) => Math.Min(groupCommit.MaxBatchSize, sql.MaxOperations(kind));

    private async Task<Money?> ReserveAloneAsync(ReservationRequest request)
    {
        var started = clock.GetUtcNow();
        var held = await AloneAsync(r => r.TryReserveUpToAsync(request, CancellationToken.None));
        if (held is { } amount)
        {
            // The budget row is the period of the hold's time. Should the slow path have placed it in the next period
            // (a hold across midnight), the batch's close does not match that row and the settlement goes slow again.
            var now = clock.GetUtcNow();
            holds.Remember(request.RequestId, request.AccountId, amount, now + settings.TimeToLive, now, BudgetRowOf(request, started), request.Rate is not null);
        }

        return held;
    }

    private static BudgetRow? BudgetRowOf(ReservationRequest request, DateTimeOffset at) =>
        request.Budget is { } budget ? new BudgetRow(request.KeyId, BudgetRow.PeriodName(budget.Period), budget.PeriodStart(at)) : null;

    /// <summary>
    /// A call its key's rate limits refused in the batch: its refusal, with the message and <c>Retry-After</c> read
    /// from the key's counts now (the refusal path may pay a read; a call that passes never does).
    /// </summary>
    private async Task<Money?> RefuseRateAsync(ReservationRequest request)
    {
        await using var scope = scopes.CreateAsyncScope();
        var counts = scope.ServiceProvider.GetRequiredService<KeyRateCounts>();
        throw await counts.RefusalAsync(request.KeyId, request.Rate!, clock.GetUtcNow(), CancellationToken.None)
            ?? new KeyRateLimitedException("requests", "Rate limit reached for this key. Please try again in 1s.", 1);
    }

    private async Task<Money> SettleAloneAsync(CallSettlement settlement)
    {
        var charged = await AloneAsync(r => r.SettleAsync(settlement, CancellationToken.None));
        telemetry.Settled(settlement, charged);
        return charged;
    }

    private async Task RecordProgressAloneAsync(CallSettlement progress) =>
        await AloneAsync(async r =>
        {
            await r.RecordProgressAsync(progress, CancellationToken.None);
            return true;
        });

    /// <summary>The slow path: one operation, exactly as before the group commit, in a scope of its own.</summary>
    private Task<T> AloneAsync<T>(Func<SingleCallReservations, Task<T>> operation) => AloneAsync<SingleCallReservations, T>(operation);

    private async Task<T> AloneAsync<TStore, T>(Func<TStore, Task<T>> operation)
        where TStore : notnull
    {
        Counters.SlowPath();
        telemetry.SlowPath();
        await using var scope = scopes.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<TStore>());
    }

    /// <summary>
    /// A lent hold's settlement, alone: its cost exceeded the hold, or its lease's batch failed or found the lease
    /// closed. The lease may close once this is over, however it ended.
    /// </summary>
    private async Task<Money> SettleFromLeaseAloneAsync(CallSettlement settlement, LeaseHold lent)
    {
        try
        {
            var charged = await AloneAsync<ILeaseStore, Money>(store => store.SettleAsync(settlement, lent, CancellationToken.None));
            telemetry.Settled(settlement, charged);
            return charged;
        }
        finally
        {
            leases.Settled(lent);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} batch of {Count} operations failed; applying them one by one")]
    private partial void LogBatchFailed(Exception exception, BatchKind kind, int count);
}
