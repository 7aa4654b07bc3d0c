using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire.Server;
using OmniaKey.Infrastructure.Telemetry;

namespace OmniaKey.Infrastructure.Jobs;

/// <summary>
/// Every job this instance's Hangfire server runs: a span, a run counted as succeeded or failed, and its duration
/// (docs/observability.md). The job is named by its class and method — a bounded set — never by its arguments.
/// Installed on this process's server only (<c>BackgroundJobServerOptions.FilterProvider</c>), not globally.
/// </summary>
internal sealed class JobTelemetryFilter : IServerFilter
{
    private static readonly ActivitySource Source = new(TelemetryNames.Jobs);
    private const string StartedKey = "omniakey.telemetry.started";
    private const string ActivityKey = "omniakey.telemetry.activity";

    private readonly Counter<long> runs;
    private readonly Histogram<double> duration;

    public JobTelemetryFilter(IMeterFactory meters)
    {
        var meter = meters.Create(TelemetryNames.Jobs);
        runs = meter.CreateCounter<long>("omniakey.jobs.runs", "{run}", "Background job runs on this instance, by job and outcome.");
        duration = meter.CreateHistogram<double>("omniakey.jobs.duration", "s", "How long background jobs ran.", advice: TelemetryBuckets.Seconds);
    }

    public void OnPerforming(PerformingContext context)
    {
        context.Items[StartedKey] = Stopwatch.GetTimestamp();
        if (Source.StartActivity("job " + JobName(context.BackgroundJob.Job), ActivityKind.Internal) is { } activity)
        {
            context.Items[ActivityKey] = activity;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        var failed = context.Exception is not null && !context.ExceptionHandled;
        var job = new KeyValuePair<string, object?>("omniakey.job", JobName(context.BackgroundJob.Job));
        var outcome = new KeyValuePair<string, object?>("omniakey.outcome", failed ? "failed" : "succeeded");
        runs.Add(1, job, outcome);
        if (context.Items.TryGetValue(StartedKey, out var started) && started is long timestamp)
        {
            duration.Record(Stopwatch.GetElapsedTime(timestamp).TotalSeconds, job, outcome);
        }

        if (context.Items.TryGetValue(ActivityKey, out var item) && item is Activity activity)
        {
            if (failed)
            {
                // The exception's type only: its message may quote data.
                activity.SetStatus(ActivityStatusCode.Error, context.Exception!.GetType().Name);
            }

            activity.Dispose();
        }
    }

    private static string JobName(Hangfire.Common.Job? job) =>
        job is null ? "unknown" : job.Type.Name + "." + job.Method.Name;
}
