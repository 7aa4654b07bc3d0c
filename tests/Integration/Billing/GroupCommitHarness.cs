using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using OmniaKey.Modules.Billing.Infrastructure.Leases;
using OmniaKey.Modules.Billing.Infrastructure.Telemetry;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// A group commit of its own on the app's database and slow path, whose batch SQL can be held at a gate: while one
/// batch waits there, every operation queued after it lands in the next batch, which makes "these operations in one
/// batch" deterministic. Records the size of every batch that reached the database.
/// </summary>
internal sealed class GroupCommitHarness : IAsyncDisposable
{
    public GroupCommitHarness(IServiceProvider app, IBillingBatchSql? sql = null)
    {
        Sql = new GatedBatchSql(sql ?? app.GetRequiredService<IBillingBatchSql>());
        Reservations = new GroupCommitReservations(
            Sql,
            app.GetRequiredService<IServiceScopeFactory>(),
            app.GetRequiredService<ReservationSettings>(),
            new GroupCommitSettings(GroupCommitSettings.DefaultMaxBatchSize),
            app.GetRequiredService<TimeProvider>(),
            Pending,
            app.GetRequiredService<BalanceLeases>(),
            app.GetRequiredService<BillingTelemetry>(),
            NullLogger<GroupCommitReservations>.Instance);
    }

    public GatedBatchSql Sql { get; }

    public PendingSettlements Pending { get; } = new();

    public GroupCommitReservations Reservations { get; }

    /// <summary>
    /// Holds the next batch of <paramref name="kind"/> at the gate (started by <paramref name="blocker"/>, an operation
    /// that reaches the batch SQL), queues the operations <paramref name="queue"/> starts, then opens the gate: they
    /// all go into one batch. Returns the blocker's and the queued operations' tasks.
    /// </summary>
    public async Task<Task[]> InOneBatchAsync(BatchKind kind, Func<Task> blocker, Func<Task[]> queue)
    {
        var held = Sql.Close(kind);
        var first = blocker();
        await held; // the blocker's batch is at the gate: the loop is busy, so what follows queues up
        var queued = queue();
        Sql.Open(kind);
        return [first, .. queued];
    }

    public async ValueTask DisposeAsync() => await Reservations.DisposeAsync();
}

/// <summary>The real batch SQL behind a gate per kind of batch, recording each batch's size.</summary>
internal sealed class GatedBatchSql(IBillingBatchSql inner) : IBillingBatchSql
{
    private readonly Lock gate = new();
    private readonly Dictionary<BatchKind, (TaskCompletionSource Entered, TaskCompletionSource Open)> closed = [];
    private readonly List<(BatchKind Kind, int Size)> batches = [];

    public IReadOnlyList<int> SizesOf(BatchKind kind)
    {
        lock (gate)
        {
            return batches.Where(b => b.Kind == kind).Select(b => b.Size).ToList();
        }
    }

    /// <summary>Closes the gate of <paramref name="kind"/>; the task completes when a batch is waiting at it.</summary>
    public Task Close(BatchKind kind)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            closed[kind] = (entered, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return entered.Task;
    }

    public void Open(BatchKind kind)
    {
        lock (gate)
        {
            if (closed.Remove(kind, out var waiting))
            {
                waiting.Open.TrySetResult();
            }
        }
    }

    public int MaxOperations(BatchKind kind) => inner.MaxOperations(kind);

    public async Task<ReserveOutcome> ReserveAsync(IReadOnlyList<Reservation> reservations, BatchKeyLimits limits, CancellationToken cancellationToken)
    {
        await PassAsync(BatchKind.Reserve, reservations.Count);
        return await inner.ReserveAsync(reservations, limits, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> SettleAsync(IReadOnlyList<SettlementRow> settlements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await PassAsync(BatchKind.Settle, settlements.Count);
        return await inner.SettleAsync(settlements, now, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> RecordProgressAsync(IReadOnlyList<UsageRecord> progress, CancellationToken cancellationToken)
    {
        await PassAsync(BatchKind.Progress, progress.Count);
        return await inner.RecordProgressAsync(progress, cancellationToken);
    }

    private Task PassAsync(BatchKind kind, int size)
    {
        lock (gate)
        {
            batches.Add((kind, size));
            if (!closed.TryGetValue(kind, out var waiting))
            {
                return Task.CompletedTask;
            }

            waiting.Entered.TrySetResult();
            return waiting.Open.Task;
        }
    }
}
