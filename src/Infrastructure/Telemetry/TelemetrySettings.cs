using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OmniaKey.Infrastructure.Telemetry;

/// <summary>
/// What the operator turned on under <c>Telemetry</c> (docs/observability.md). Nothing configured means no
/// OpenTelemetry SDK at all: the instruments and activity sources still exist, but with no listener each costs one
/// branch per call (docs/adr/0036).
/// </summary>
public sealed record TelemetrySettings(
    Uri? OtlpEndpoint,
    bool OtlpFromEnvironment,
    string OtlpProtocol,
    bool PrometheusEnabled,
    int? PrometheusPort,
    double TraceSampleRatio,
    bool ForceEnabled)
{
    public const string Section = "Telemetry";

    /// <summary>The standard variable the OTLP exporter reads by itself.</summary>
    public const string StandardOtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public bool OtlpEnabled => OtlpEndpoint is not null || OtlpFromEnvironment;

    /// <summary>Traces cost an activity per request and span: they run only when something exports them.</summary>
    public bool TracingEnabled => OtlpEnabled || ForceEnabled;

    public bool MetricsEnabled => OtlpEnabled || PrometheusEnabled || ForceEnabled;

    /// <summary>The settings; a bad value stops start-up naming the key (with every other bad key, docs/deployment.md).</summary>
    public static TelemetrySettings From(IConfiguration configuration)
    {
        var problems = new List<string>();
        var settings = Read(configuration, problems);
        return problems.Count == 0 ? settings : throw new InvalidOperationException(string.Join(" ", problems));
    }

    /// <summary>Every bad <c>Telemetry</c> setting, one message each (the start-up configuration check lists them).</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        Read(configuration, problems);
        return problems;
    }

    private static TelemetrySettings Read(IConfiguration configuration, List<string> problems)
    {
        var section = configuration.GetSection(Section);
        var endpoint = section["Otlp:Endpoint"];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            if (Uri.TryCreate(endpoint, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
            {
                otlp = parsed;
            }
            else
            {
                problems.Add($"Telemetry:Otlp:Endpoint must be an absolute http(s) URL, not '{endpoint}'.");
            }
        }

        var protocol = section["Otlp:Protocol"] ?? "grpc";
        if (protocol is not ("grpc" or "http/protobuf"))
        {
            problems.Add($"Telemetry:Otlp:Protocol must be 'grpc' or 'http/protobuf', not '{protocol}'.");
        }

        int? port = null;
        if (section["Prometheus:Port"] is { Length: > 0 } portText)
        {
            if (int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedPort) && parsedPort is > 0 and <= 65535)
            {
                port = parsedPort;
            }
            else
            {
                problems.Add($"Telemetry:Prometheus:Port must be a TCP port (1-65535), not '{portText}'.");
            }
        }

        var ratio = 1.0;
        if (section["Traces:SampleRatio"] is { Length: > 0 } ratioText
            && !(double.TryParse(ratioText, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) && ratio is >= 0 and <= 1))
        {
            problems.Add($"Telemetry:Traces:SampleRatio must be a number from 0 to 1, not '{ratioText}'.");
        }

        return new TelemetrySettings(
            otlp,
            otlp is null && !string.IsNullOrWhiteSpace(configuration[StandardOtlpEndpointVariable]),
            protocol,
            port is not null || Flag(section, "Prometheus:Enabled", problems),
            port,
            ratio,
            Flag(section, "Enabled", problems));
    }

    private static bool Flag(IConfiguration section, string key, List<string> problems)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"Telemetry:{key} must be true or false, not '{text}'.");
        return false;
    }
}
