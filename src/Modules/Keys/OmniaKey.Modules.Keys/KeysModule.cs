using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Keys.Domain.ApiKeys;
using OmniaKey.Modules.Keys.Endpoints;
using OmniaKey.Modules.Keys.Infrastructure;
using OmniaKey.Modules.Keys.Infrastructure.Persistence;
using OmniaKey.Modules.Keys.Infrastructure.RateLimits;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Keys;

/// <summary>API keys: creation, listing, revocation, rotation, and hot-path authentication.</summary>
public static class KeysModule
{
    public static IServiceCollection AddKeysModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<KeysDbContext, SqliteKeysDbContext, PostgresKeysDbContext, SqlServerKeysDbContext>(KeysDbContext.SchemaName);
        services.AddScoped<IApiKeyRepository, ApiKeyRepository>();
        services.AddSingleton<CachedApiKeyAuthenticator>();
        services.AddSingleton<IStartupWarmup>(sp => sp.GetRequiredService<CachedApiKeyAuthenticator>());
        services.AddSingleton<IApiKeyAuthenticator>(sp => sp.GetRequiredService<CachedApiKeyAuthenticator>());
        services.AddSingleton<IApiKeyCache>(sp => sp.GetRequiredService<CachedApiKeyAuthenticator>());
        services.AddSingleton<IKeyRateLimiter, KeyRateLimiter>();
        services.AddHandlersFrom(typeof(KeysModule).Assembly);
        services.AddConsolePages(typeof(KeysModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapKeysEndpoints(this IEndpointRouteBuilder app)
    {
        KeysEndpoints.Map(app);
        KeysAdminEndpoints.Map(app);
        return app;
    }
}
