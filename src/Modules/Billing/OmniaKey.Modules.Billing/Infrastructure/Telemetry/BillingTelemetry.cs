using System.Diagnostics;
using System.Diagnostics.Metrics;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Telemetry;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

namespace OmniaKey.Modules.Billing.Infrastructure.Telemetry;

/// <summary>
/// Billing's spans and metrics on the hot path (docs/observability.md): a span per hold and per settlement in the
/// call's trace, a span per group-commit batch linked to the calls it carried, the cost and tokens charged, the holds
/// in flight, and the batches' sizes and latency. Instruments are created once; the model and provider tags are the
/// catalogue's, never the client's text.
/// </summary>
internal sealed class BillingTelemetry
{
    public const string Name = "OmniaKey.Billing";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> cost;
    private readonly Counter<long> tokens;
    private readonly Histogram<int> batchSize;
    // A duration in seconds (OpenTelemetry's unit for time), not money: every money instrument here is a long of nano-USD.
    private readonly Histogram<double> batchDuration;
    private readonly Counter<long> slowPath;

    public BillingTelemetry(IMeterFactory meters)
    {
        Meter = meters.Create(Name);
        cost = Meter.CreateCounter<long>("omniakey.billing.cost", "{nano-USD}", "What settlements charged, in nano-USD (1 USD = 10^9), by model and provider.");
        tokens = Meter.CreateCounter<long>("omniakey.billing.tokens", "{token}", "Tokens settled, by model, provider and token type (input includes cached input; output includes reasoning).");
        batchSize = Meter.CreateHistogram<int>("omniakey.billing.batch.size", "{operation}", "Operations per group-commit batch, by kind.", advice: TelemetryBuckets.BatchSizes);
        batchDuration = Meter.CreateHistogram<double>("omniakey.billing.batch.duration", "s", "How long a group-commit batch took to apply, by kind and outcome.", advice: TelemetryBuckets.Seconds);
        slowPath = Meter.CreateCounter<long>("omniakey.billing.slow_path", "{operation}", "Operations applied one by one on the slow path instead of in a batch.");
    }

    /// <summary>The meter, for the observable gauges that read the group commit's own state.</summary>
    public Meter Meter { get; }

    /// <summary>Watches the holds this instance placed and has not settled yet.</summary>
    public void ObserveHolds(Func<int> count, Func<long> amountNanoUsd)
    {
        Meter.CreateObservableGauge("omniakey.billing.holds.in_flight", count, "{hold}", "Holds this instance placed through the group commit and has not settled yet.");
        Meter.CreateObservableGauge("omniakey.billing.holds.in_flight_amount", amountNanoUsd, "{nano-USD}", "The amount those holds reserve, in nano-USD.");
    }

    /// <summary>A settlement committed: <paramref name="charged"/> is what the ledger charged for it.</summary>
    public void Settled(CallSettlement settlement, Money charged)
    {
        if (!cost.Enabled && !tokens.Enabled)
        {
            return;
        }

        var model = new KeyValuePair<string, object?>("omniakey.model", settlement.Model);
        var provider = new KeyValuePair<string, object?>("omniakey.provider", settlement.Provider);
        if (charged.NanoUsd != 0)
        {
            cost.Add(charged.NanoUsd, model, provider);
        }

        if (settlement.Usage.InputTokens != 0)
        {
            tokens.Add(settlement.Usage.InputTokens, model, provider, new("omniakey.token.type", "input"));
        }

        if (settlement.Usage.OutputTokens != 0)
        {
            tokens.Add(settlement.Usage.OutputTokens, model, provider, new("omniakey.token.type", "output"));
        }
    }

    public void SlowPath() => slowPath.Add(1);

    /// <summary>
    /// Starts the span of one batch (a root: the flush loop runs outside any request), linked to the spans of the
    /// calls whose operations it carries.
    /// </summary>
    public static Activity? StartBatch<TOperation>(BatchKind kind, IReadOnlyList<TOperation> batch)
        where TOperation : ITracedOperation
    {
        // The flush loop inherited the context of whichever request first resolved the group commit: a batch is
        // nobody's child.
        Activity.Current = null;
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>(batch.Count);
        foreach (var operation in batch)
        {
            if (operation.Caller != default)
            {
                links.Add(new ActivityLink(operation.Caller));
            }
        }

        var activity = Source.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: "omniakey.billing.batch");
        activity?.SetTag("omniakey.billing.kind", KindName(kind));
        activity?.SetTag("omniakey.billing.batch_size", batch.Count);
        return activity;
    }

    public void BatchApplied(BatchKind kind, int size, long startedTimestamp, bool committed, Activity? activity)
    {
        var kindTag = new KeyValuePair<string, object?>("omniakey.billing.kind", KindName(kind));
        batchSize.Record(size, kindTag);
        batchDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, kindTag, new("omniakey.outcome", committed ? "committed" : "failed"));
        if (activity is not null)
        {
            if (!committed)
            {
                activity.SetStatus(ActivityStatusCode.Error, "batch failed; applied one by one");
            }

            activity.Dispose();
        }
    }

    /// <summary>The span of a hold or a settlement, in the call's trace; ended when the operation completes.</summary>
    public static Activity? StartOperation(string name, string model, string provider)
    {
        var activity = Source.StartActivity(name);
        activity?.SetTag("omniakey.model", model);
        activity?.SetTag("omniakey.provider", provider);
        return activity;
    }

    public static async Task<T> EndWhenDone<T>(Activity activity, Task<T> operation, Action<Activity, T>? describe = null)
    {
        try
        {
            var result = await operation;
            describe?.Invoke(activity, result);
            return result;
        }
        catch (Exception e)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            activity.Dispose();
        }
    }

    private static string KindName(BatchKind kind) => kind switch
    {
        BatchKind.Reserve => "reserve",
        BatchKind.Settle => "settle",
        _ => "progress",
    };
}

/// <summary>An operation that remembers the span of the call that queued it, so that its batch can link to it.</summary>
internal interface ITracedOperation
{
    ActivityContext Caller { get; }
}
