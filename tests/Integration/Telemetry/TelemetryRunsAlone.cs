using Xunit;

namespace OmniaKey.IntegrationTests.Telemetry;

/// <summary>
/// The telemetry tests run alone, after the parallel ones. OpenTelemetry's SDK listens to meters by name across the
/// process and merges a same-named instrument of another host into the stream it saw first; when that other host
/// stops mid-test, the merged stream is dropped and this host's points with it. One host per process — production —
/// never meets this.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryRunsAlone
{
    public const string Name = "Telemetry, alone";
}
