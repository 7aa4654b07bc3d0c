using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Telemetry;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// The hot path's reservations and settlements by group commit (docs/adr/0018-billing-group-commit.md): concurrent
/// calls' operations are queued in-process, one queue and one flush loop per kind, and applied in batches by
/// set-based SQL (<see cref="IBillingBatchSql"/>), one transaction a batch. What the batch cannot decide alone — a
/// balance that does not cover an account's whole batch, a cost above its hold, a hold the clean-up job already
/// expired — goes, operation by operation, to <see cref="SingleCallReservations"/>, the exact per-call logic. So does
/// every operation of a batch that failed, so that each gets the outcome it would have had alone.
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
        BillingTelemetry telemetry,
        ILogger<GroupCommitReservations> logger)
    {
        this.sql = sql;
        this.scopes = scopes;
        this.settings = settings;
        this.clock = clock;
        this.pending = pending;
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
        // A key with a budget is batched too: its budget row moves in the batch's transaction with the balance
        // (docs/adr/0041-exact-key-limits-through-the-group-commit.md).
        if (request.Rate?.MaxConcurrentRequests is not null)
        {
            return ReserveAfterOwnSettlementsAsync(request);
        }

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

        var operation = new ProgressOperation(progress);
        return this.progress.TryEnqueue(operation) ? operation.Task : RecordProgressAloneAsync(progress);
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
    private async Task<T> AloneAsync<T>(Func<SingleCallReservations, Task<T>> operation)
    {
        Counters.SlowPath();
        telemetry.SlowPath();
        await using var scope = scopes.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<SingleCallReservations>());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} batch of {Count} operations failed; applying them one by one")]
    private partial void LogBatchFailed(Exception exception, BatchKind kind, int count);
}
