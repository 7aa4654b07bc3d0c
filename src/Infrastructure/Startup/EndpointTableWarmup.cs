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
internal static partial class EndpointTableWarmup
{
    /// <summary>Starts the background build; returns at once.</summary>
    public static void Start(WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources.ToArray();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EndpointTableWarmup));
        _ = Task.Run(() => Build(sources, logger));
    }

    private static void Build(IReadOnlyList<EndpointDataSource> sources, ILogger logger)
    {
        try
        {
            foreach (var source in sources)
            {
                _ = source.Endpoints;
            }
        }
        catch (Exception e)
        {
            // The pipeline builds them again when it starts, and fails the start with this error if it persists.
            LogBuildFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Building the endpoints ahead of the request pipeline failed; the pipeline will build them")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception);
}
