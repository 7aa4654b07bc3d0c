using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace OmniaKey.IntegrationTests.Telemetry;

/// <summary>
/// What the app exported to OpenTelemetry's in-memory exporters: every span as it ended, and the metrics at each
/// flush. The SDK listens to every source and meter of its name in the process, so other tests' apps may show up too:
/// tests find theirs by request id, model or channel, which are unique to them.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly LockedList<Activity> exportedSpans = new();
    private readonly LockedList<MetricSnapshot> exportedMetrics = new();

    public void AddExporters(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exportedSpans));
        // Exported only when a test flushes, so that one flush is one complete, cumulative picture.
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(
            exportedMetrics,
            reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = Timeout.Infinite));
    }

    public IReadOnlyList<Activity> Spans => exportedSpans.Snapshot();

    /// <summary>
    /// Exports the metrics now (cumulative) and returns what this export holds. ForceFlush answers false because the
    /// Prometheus reader only exports when scraped; the in-memory reader has exported all the same. Another app in
    /// the process may have created an instrument of the same name: each is a snapshot of its own here.
    /// </summary>
    public IReadOnlyList<MetricSnapshot> FlushMetrics(IServiceProvider app)
    {
        var before = exportedMetrics.Count;
        app.GetRequiredService<MeterProvider>().ForceFlush(10_000);
        var exported = exportedMetrics.Snapshot();
        Assert.True(exported.Count > before, "the in-memory metrics reader exported nothing");
        return [.. exported.Skip(before)];
    }

    /// <summary>The spans once <paramref name="done"/> holds for them, polled for at most ten seconds.</summary>
    public async Task<IReadOnlyList<Activity>> SpansWhenAsync(Func<IReadOnlyList<Activity>, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var spans = Spans;
            if (done(spans))
            {
                return spans;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail("The expected spans were not exported within 10 s; seen: " + string.Join(", ", spans.Select(s => s.OperationName)));
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A counter's cumulative value in one export, over the points whose tags all match.</summary>
    public static long Sum(IReadOnlyList<MetricSnapshot> export, string name, params (string Key, string Value)[] tags) =>
        export.Where(s => s.Name == name).SelectMany(s => s.MetricPoints).Where(p => Matches(p, tags)).Sum(p => p.GetSumLong());

    /// <summary>How many values a histogram counted in one export, over the points whose tags all match.</summary>
    public static long Count(IReadOnlyList<MetricSnapshot> export, string name, params (string Key, string Value)[] tags) =>
        export.Where(s => s.Name == name).SelectMany(s => s.MetricPoints).Where(p => Matches(p, tags)).Sum(p => p.GetHistogramCount());

    /// <summary>Every string a span or a metric point carries where telemetry backends would show it.</summary>
    public static IEnumerable<string> EveryExportedText(IEnumerable<Activity> spans, IEnumerable<MetricSnapshot> metrics)
    {
        foreach (var span in spans)
        {
            yield return span.DisplayName;
            yield return span.OperationName;
            yield return span.StatusDescription ?? string.Empty;
            foreach (var (key, value) in span.TagObjects)
            {
                yield return $"{key}={value}";
            }

            foreach (var spanEvent in span.Events)
            {
                yield return spanEvent.Name;
                foreach (var (key, value) in spanEvent.Tags)
                {
                    yield return $"{key}={value}";
                }
            }

            foreach (var (key, value) in span.Baggage)
            {
                yield return $"{key}={value}";
            }
        }

        foreach (var metric in metrics)
        {
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    yield return $"{tag.Key}={tag.Value}";
                }
            }
        }
    }

    private static bool Matches(MetricPoint point, (string Key, string Value)[] tags)
    {
        foreach (var (key, value) in tags)
        {
            if (!TryGetTag(point, key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryGetTag(MetricPoint point, string key, [NotNullWhen(true)] out string? value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                value = tag.Value?.ToString() ?? string.Empty;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The exporters add from the SDK's threads while a test reads.</summary>
    private sealed class LockedList<T> : ICollection<T>
    {
        private readonly List<T> items = [];

        public int Count
        {
            get
            {
                lock (items)
                {
                    return items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public IReadOnlyList<T> Snapshot()
        {
            lock (items)
            {
                return [.. items];
            }
        }

        public void Add(T item)
        {
            lock (items)
            {
                items.Add(item);
            }
        }

        public void Clear()
        {
            lock (items)
            {
                items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().ToList().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (items)
            {
                return items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
