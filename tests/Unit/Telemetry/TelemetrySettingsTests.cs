using Microsoft.Extensions.Configuration;
using OmniaKey.Infrastructure.Telemetry;
using Xunit;

namespace OmniaKey.UnitTests.Telemetry;

/// <summary>What turns telemetry on, and that a bad setting stops start-up naming the setting.</summary>
public sealed class TelemetrySettingsTests
{
    [Fact]
    public void Nothing_configured_turns_nothing_on()
    {
        var settings = Read([]);

        Assert.False(settings.TracingEnabled);
        Assert.False(settings.MetricsEnabled);
        Assert.Equal(1.0, settings.TraceSampleRatio);
    }

    [Fact]
    public void An_otlp_endpoint_turns_on_traces_and_metrics_and_the_standard_variable_does_too()
    {
        var configured = Read(new() { ["Telemetry:Otlp:Endpoint"] = "http://collector:4317" });
        Assert.Equal(new Uri("http://collector:4317"), configured.OtlpEndpoint);
        Assert.True(configured.TracingEnabled && configured.MetricsEnabled);

        var standard = Read(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317" });
        Assert.Null(standard.OtlpEndpoint);
        Assert.True(standard.OtlpFromEnvironment && standard.TracingEnabled && standard.MetricsEnabled);
    }

    [Fact]
    public void Prometheus_turns_on_metrics_only_and_a_port_implies_it()
    {
        var enabled = Read(new() { ["Telemetry:Prometheus:Enabled"] = "true" });
        Assert.True(enabled.MetricsEnabled);
        Assert.False(enabled.TracingEnabled);
        Assert.Null(enabled.PrometheusPort);

        var port = Read(new() { ["Telemetry:Prometheus:Port"] = "9464" });
        Assert.True(port.PrometheusEnabled);
        Assert.Equal(9464, port.PrometheusPort);
    }

    [Theory]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4317", "Telemetry:Otlp:Endpoint")]
    [InlineData("Telemetry:Otlp:Endpoint", "/relative", "Telemetry:Otlp:Endpoint")]
    [InlineData("Telemetry:Otlp:Protocol", "udp", "Telemetry:Otlp:Protocol")]
    [InlineData("Telemetry:Prometheus:Port", "0", "Telemetry:Prometheus:Port")]
    [InlineData("Telemetry:Prometheus:Port", "70000", "Telemetry:Prometheus:Port")]
    [InlineData("Telemetry:Prometheus:Enabled", "yes", "Telemetry:Prometheus:Enabled")]
    [InlineData("Telemetry:Traces:SampleRatio", "1.5", "Telemetry:Traces:SampleRatio")]
    [InlineData("Telemetry:Traces:SampleRatio", "half", "Telemetry:Traces:SampleRatio")]
    public void A_bad_value_stops_start_up_naming_the_setting(string key, string value, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(new() { [key] = value }));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_value_is_named_at_once_for_the_start_up_check()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:Otlp:Endpoint"] = "collector:4317",
            ["Telemetry:Otlp:Protocol"] = "udp",
            ["Telemetry:Prometheus:Port"] = "0",
            ["Telemetry:Traces:SampleRatio"] = "half",
            ["Telemetry:Enabled"] = "yes",
        }).Build();

        var problems = TelemetrySettings.Problems(configuration);

        Assert.Equal(
            ["Telemetry:Otlp:Endpoint", "Telemetry:Otlp:Protocol", "Telemetry:Prometheus:Port", "Telemetry:Traces:SampleRatio", "Telemetry:Enabled"],
            problems.Select(p => p[..p.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.Empty(TelemetrySettings.Problems(new ConfigurationBuilder().Build()));
    }

    private static TelemetrySettings Read(Dictionary<string, string?> values) =>
        TelemetrySettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
