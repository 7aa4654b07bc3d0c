using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Startup;

/// <summary>
/// Builds every endpoint once in the background as soon as the endpoints are mapped, while the database start-up
/// runs. The request pipeline builds its endpoint table only after the hosted services have started, and on a 2-core
/// machine that took a fifth of a restart, most of it each endpoint's JSON contracts (cached in the shared serializer
/// options) and the first run of its generated code; done here, the pipeline finds both ready and only assembles the
/// table, while the schema check, which leaves a core idle, runs beside it. The endpoints built here are dropped.
/// </summary>
internal static class EndpointTableWarmup
{
    /// <summary>Starts the background build; returns at once.</summary>
    public static void Start(WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources.ToArray();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EndpointTableWarmup));

        // If it fails, the pipeline builds them again when it starts, and fails the start with that error if it persists.
        _ = AheadOfTimeWork.Start(logger, "Building the endpoints", "the request pipeline", () =>
        {
            foreach (var source in sources)
            {
                _ = source.Endpoints;
            }

            return Task.CompletedTask;
        });
    }
}
