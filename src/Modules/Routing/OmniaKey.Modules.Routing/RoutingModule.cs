using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OmniaKey.Application;
using OmniaKey.Infrastructure.Health;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.Modules.Routing.Application.Channels;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Channels;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Domain.Promotions;
using OmniaKey.Modules.Routing.Endpoints;
using OmniaKey.Modules.Routing.Infrastructure;
using OmniaKey.Modules.Routing.Infrastructure.Channels;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Identity;
using OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using OmniaKey.Modules.Routing.Infrastructure.Resilience;
using OmniaKey.Modules.Routing.Infrastructure.Telemetry;
using OmniaKey.Modules.Routing.Infrastructure.Upstreams;
using OmniaKey.Modules.Routing.Infrastructure.Usage;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Routing;

/// <summary>The model catalogue, prices, upstream channels and the relay to upstream providers.</summary>
public static class RoutingModule
{
    public static IServiceCollection AddRoutingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<RoutingDbContext, SqliteRoutingDbContext, PostgresRoutingDbContext, SqlServerRoutingDbContext>(RoutingDbContext.SchemaName);
        services.AddScoped<IDataSeeder, ModelCatalogSeeder>();
        services.AddScoped<IDataSeeder, ConfiguredChannelSeeder>();
        services.AddScoped<IModelRepository, ModelRepository>();
        services.AddScoped<IPromotionRepository, PromotionRepository>();
        services.AddSingleton<CachedModelCatalog>();
        services.AddSingleton<IStartupWarmup>(sp => sp.GetRequiredService<CachedModelCatalog>());
        services.AddSingleton<IModelCatalog>(sp => sp.GetRequiredService<CachedModelCatalog>());
        services.AddSingleton<IModelCatalogCache>(sp => sp.GetRequiredService<CachedModelCatalog>());
        services.AddSingleton<PromotionPriceBook>();
        services.AddSingleton<IStartupWarmup>(sp => sp.GetRequiredService<PromotionPriceBook>());
        services.AddSingleton<IPriceBook>(sp => sp.GetRequiredService<PromotionPriceBook>());
        services.AddSingleton<IPromotionCache>(sp => sp.GetRequiredService<PromotionPriceBook>());

        AddChannels(services, configuration);
        AddRelay(services);
        services.AddHandlersFrom(typeof(RoutingModule).Assembly);
        services.AddConsolePages(typeof(RoutingModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        OpenAiApiEndpoints.Map(app);
        ChannelEndpoints.Map(app);
        CatalogAdminEndpoints.Map(app);
        PromotionsAdminEndpoints.Map(app);
        return app;
    }

    private static void AddChannels(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(UpstreamOptions.From(configuration));
        services.AddSingleton(RequestLimits.From(configuration));
        services.AddSingleton(CircuitBreakerSettings.From(configuration));
        services.AddSingleton<ChannelHealth>();
        services.AddSingleton<ICredentialProtector, DataProtectionCredentialProtector>();
        services.AddSingleton<CachedChannelDirectory>();
        services.AddSingleton<IStartupWarmup>(sp => sp.GetRequiredService<CachedChannelDirectory>());
        services.AddSingleton<IChannelDirectory>(sp => sp.GetRequiredService<CachedChannelDirectory>());
        services.AddSingleton<IChannelCache>(sp => sp.GetRequiredService<CachedChannelDirectory>());
        services.AddScoped<IChannelRepository, ChannelRepository>();
        services.AddHealthChecks().AddCheck<ChannelsHealthCheck>("channels", HealthStatus.Unhealthy, [HealthTags.Ready]);
    }

    /// <summary>Provider adapters are registered here: one line per provider.</summary>
    private static void AddRelay(IServiceCollection services)
    {
        services.AddSingleton<IProviderAdapter, OpenAiAdapter>();
        services.AddSingleton<IProviderAdapter, AnthropicAdapter>();
        services.AddSingleton<IProviderAdapter, GeminiAdapter>();
        services.AddSingleton<ProviderAdapters>();
        services.AddSingleton(sp => new UpstreamIdentities(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IDataProtectionProvider>(),
            sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<IStartupWarmup>(sp => sp.GetRequiredService<UpstreamIdentities>());
        services.AddSingleton<UsageEstimator>();

        // Deadlines are the relay's own (first byte, whole request), so the client itself never times out a stream.
        // No redirects: a provider never redirects an API call, and following one would carry the provider's key
        // (x-api-key, x-goog-api-key) to another host. No cookies: one shared cookie jar would carry what an upstream
        // set for one customer's call into every other customer's calls. No per-request logging handlers: the relay
        // logs its own outcomes, and the factory's two handlers cost a scope and two checks on every call
        // (docs/performance.md).
        services.AddHttpClient(UpstreamSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                AutomaticDecompression = DecompressionMethods.None,
                MaxConnectionsPerServer = int.MaxValue,
                AllowAutoRedirect = false,
                UseCookies = false,
            });
        services.AddMetrics();
        services.AddSingleton<RelayTelemetry>();
        services.AddSingleton<CallerGate>();
        services.AddScoped<CallAdmission>();
        services.AddScoped<UpstreamSender>();
        services.AddScoped<ChatCompletionsRelay>();
    }
}
