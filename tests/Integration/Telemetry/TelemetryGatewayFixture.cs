using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Infrastructure;

namespace OmniaKey.IntegrationTests.Telemetry;

/// <summary>
/// The gateway with OpenTelemetry on (<c>Telemetry:Enabled</c>), OpenTelemetry's in-memory exporters added beside the
/// app's own, and the Prometheus endpoint mapped on the app's port.
/// </summary>
public abstract class TelemetryGatewayFixture(DatabaseKind kind) : GatewayFixture(kind)
{
    public TelemetryCapture Telemetry { get; } = new();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Telemetry:Enabled"] = "true",
        ["Telemetry:Prometheus:Enabled"] = "true",
    };

    protected override void ConfigureTestServices(IServiceCollection services) => Telemetry.AddExporters(services);
}

public sealed class SqliteTelemetryGatewayFixture() : TelemetryGatewayFixture(DatabaseKind.Sqlite);

public sealed class PostgresTelemetryGatewayFixture() : TelemetryGatewayFixture(DatabaseKind.Postgres);
