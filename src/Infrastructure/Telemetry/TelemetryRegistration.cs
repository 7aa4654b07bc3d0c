using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Infrastructure.Security;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OmniaKey.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry for the whole process (docs/observability.md, docs/adr/0036): our <c>OmniaKey.*</c> sources and
/// meters, ASP.NET Core, HttpClient and the runtime; exported over OTLP when an endpoint is configured and scraped by
/// Prometheus when enabled. With nothing configured the SDK is not added at all.
/// </summary>
public static class TelemetryRegistration
{
    public const string ServiceName = "omniakey";

    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TelemetrySettings.From(configuration);
        services.AddSingleton(settings);
        services.AddMetrics();
        if (!settings.TracingEnabled && !settings.MetricsEnabled)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry();
        if (string.IsNullOrEmpty(configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(TelemetryRegistration).Assembly.GetName().Version?.ToString()));
        }

        if (settings.TracingEnabled)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(TelemetryNames.Wildcard)
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSampleRatio)))
                    .AddAspNetCoreInstrumentation(TelemetryRedaction.ConfigureServerSpans)
                    .AddHttpClientInstrumentation(TelemetryRedaction.ConfigureClientSpans);
                if (settings.OtlpEnabled)
                {
                    tracing.AddOtlpExporter(otlp => ConfigureOtlp(otlp, settings, "v1/traces"));
                }
            });
        }

        if (settings.MetricsEnabled)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(TelemetryNames.Wildcard)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (settings.OtlpEnabled)
                {
                    metrics.AddOtlpExporter(otlp => ConfigureOtlp(otlp, settings, "v1/metrics"));
                }

                if (settings.PrometheusEnabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        }

        if (settings.PrometheusPort is not null)
        {
            services.AddHostedService<PrometheusPortServer>();
        }

        return services;
    }

    /// <summary>
    /// <c>GET /metrics</c> on the application's own port for the admin token only (reads are not audited), unless
    /// <c>Telemetry:Prometheus:Port</c> moved it to a port of its own (<see cref="PrometheusPortServer"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<TelemetrySettings>();
        if (settings.PrometheusEnabled && settings.PrometheusPort is null)
        {
            app.MapPrometheusScrapingEndpoint(ScrapePath)
                .RequireAuthorization(AuthSchemes.AdminPolicy)
                .ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>
    /// <c>Telemetry:Otlp:Endpoint</c> wins over the standard variables; without it the exporter reads
    /// <c>OTEL_EXPORTER_OTLP_*</c> itself. Over HTTP a configured base URL gets the signal's path, as the standard
    /// variable would.
    /// </summary>
    private static void ConfigureOtlp(OtlpExporterOptions otlp, TelemetrySettings settings, string signalPath)
    {
        if (settings.OtlpEndpoint is not { } endpoint)
        {
            return;
        }

        if (settings.OtlpProtocol == "http/protobuf")
        {
            otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
            otlp.Endpoint = new Uri(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/"), signalPath);
        }
        else
        {
            otlp.Protocol = OtlpExportProtocol.Grpc;
            otlp.Endpoint = endpoint;
        }
    }

    internal static bool IsScrapeOrProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ScrapePath, StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
