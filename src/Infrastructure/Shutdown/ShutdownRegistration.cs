using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OmniaKey.Infrastructure.Shutdown;

/// <summary>Graceful shutdown: readiness fails, new requests are refused, running ones drain (docs/health-and-shutdown.md).</summary>
public static class ShutdownRegistration
{
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ShutdownSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService<GracefulShutdownService>();

        // The host's own stop deadline would otherwise (30 s by default) cut the drain and billing's flush short.
        services.Configure<HostOptions>(options => options.ShutdownTimeout = settings.HostShutdownTimeout);
        return services;
    }

    /// <summary>Early in the pipeline: after the request id and the exception handler, before rate limits and authentication.</summary>
    public static IApplicationBuilder UseGracefulShutdown(this IApplicationBuilder app) =>
        app.UseMiddleware<RefuseWhileStoppingMiddleware>();
}
