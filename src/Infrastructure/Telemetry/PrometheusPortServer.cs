using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace OmniaKey.Infrastructure.Telemetry;

/// <summary>
/// <c>GET /metrics</c> on <c>Telemetry:Prometheus:Port</c>, in a small server of its own bound to that port only:
/// the application's ports never answer it, and this port answers nothing else (404). No token is asked here; the
/// port is meant for a private network the scraper shares (docs/observability.md). A server of its own, rather than
/// one more Kestrel address, leaves the application's <c>urls</c> and <c>Kestrel</c> settings exactly as configured.
/// </summary>
internal sealed class PrometheusPortServer(TelemetrySettings settings, MeterProvider meters) : IHostedService, IAsyncDisposable
{
    private WebApplication? server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = settings.PrometheusPort ?? throw new InvalidOperationException("Telemetry:Prometheus:Port is not set.");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "OmniaKey.Metrics", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenAnyIP(port);
        });

        var app = builder.Build();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meters,
            context => context.Request.Path == TelemetryRegistration.ScrapePath,
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
        app.Run(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync(cancellationToken);
        server = app;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }
    }
}
