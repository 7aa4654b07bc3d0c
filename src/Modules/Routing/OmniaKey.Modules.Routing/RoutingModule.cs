using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Domain.Promotions;
using OmniaKey.Modules.Routing.Endpoints;
using OmniaKey.Modules.Routing.Infrastructure;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using OmniaKey.Modules.Routing.Infrastructure.Upstreams;

namespace OmniaKey.Modules.Routing;

/// <summary>The model catalogue, prices and the relay to upstream providers.</summary>
public static class RoutingModule
{
    public static IServiceCollection AddRoutingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<RoutingDbContext, SqliteRoutingDbContext, PostgresRoutingDbContext, SqlServerRoutingDbContext>(RoutingDbContext.SchemaName);
        services.AddScoped<IDataSeeder, ModelCatalogSeeder>();
        services.AddScoped<IModelRepository, ModelRepository>();
        services.AddScoped<IPromotionRepository, PromotionRepository>();
        services.AddSingleton<CachedModelCatalog>();
        services.AddSingleton<IModelCatalog>(sp => sp.GetRequiredService<CachedModelCatalog>());
        services.AddSingleton<IModelCatalogCache>(sp => sp.GetRequiredService<CachedModelCatalog>());
        services.AddSingleton<PromotionPriceBook>();
        services.AddSingleton<IPriceBook>(sp => sp.GetRequiredService<PromotionPriceBook>());
        services.AddSingleton<IPromotionCache>(sp => sp.GetRequiredService<PromotionPriceBook>());

        var openAi = UpstreamOptions.OpenAi(configuration);
        services.AddSingleton(openAi);
        services.AddHttpClient(ChatCompletionsRelay.HttpClientName, client => client.Timeout = openAi.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.None,
                MaxConnectionsPerServer = int.MaxValue,
            });
        services.AddScoped<CallAdmission>();
        services.AddScoped<ChatCompletionsRelay>();
        services.AddHandlersFrom(typeof(RoutingModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        OpenAiApiEndpoints.Map(app);
        CatalogAdminEndpoints.Map(app);
        PromotionsAdminEndpoints.Map(app);
        return app;
    }
}
