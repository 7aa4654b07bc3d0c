using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Infrastructure.Persistence;

namespace OmniaKey.Infrastructure.Startup;

/// <summary>The start-up work done ahead of need (docs/adr/0051-startup-overlapped.md).</summary>
public static class StartupRegistration
{
    /// <summary>
    /// Call once every endpoint is mapped, before the host runs: starts building the endpoints and every module's EF
    /// model in the background, and returns.
    /// </summary>
    public static WebApplication StartBuildWarmups(this WebApplication app)
    {
        ModelWarmup.Start(app.Services);
        EndpointTableWarmup.Start(app);
        return app;
    }

    /// <summary>Call after every module's services: hosted services start in order, and this one needs the schema.</summary>
    public static IServiceCollection AddStartupWarmups(this IServiceCollection services) =>
        services.AddHostedService<StartupWarmups>();
}
