using System.Diagnostics.Metrics;

namespace OmniaKey.Infrastructure.Telemetry;

/// <summary>
/// Histogram bucket boundaries given with the instruments (the SDK's defaults are for milliseconds, ours record
/// seconds, as OpenTelemetry's conventions do).
/// </summary>
public static class TelemetryBuckets
{
    /// <summary>1 ms to 5 minutes: a batch commit at the low end, a long stream at the high end.</summary>
    public static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    };

    /// <summary>Batch sizes, 1 to the largest batch the group commit takes.</summary>
    public static readonly InstrumentAdvice<int> BatchSizes = new()
    {
        HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    };
}
