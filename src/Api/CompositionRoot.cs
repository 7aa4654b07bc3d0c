using OmniaKey.Application;
using OmniaKey.Infrastructure.Audit;
using OmniaKey.Infrastructure.Email;
using OmniaKey.Infrastructure.Health;
using OmniaKey.Infrastructure.Jobs;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Infrastructure.Security.AdminTokens;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.Infrastructure.Telemetry;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Accounts;
using OmniaKey.Modules.Billing;
using OmniaKey.Modules.Compliance;
using OmniaKey.Modules.Keys;
using OmniaKey.Modules.Policies;
using OmniaKey.Modules.Routing;
using OmniaKey.WebConsole;

namespace OmniaKey.Api;

/// <summary>The only place where modules and shared infrastructure are put together.</summary>
internal static class CompositionRoot
{
    /// <summary>The modules, listed once: how each registers its services and maps its endpoints, in this order.</summary>
    private static readonly ModuleWiring[] Modules =
    [
        new(AccountsModule.AddAccountsModule, AccountsModule.MapAccountsEndpoints),
        new(KeysModule.AddKeysModule, KeysModule.MapKeysEndpoints),
        new(BillingModule.AddBillingModule, BillingModule.MapBillingEndpoints),
        new(RoutingModule.AddRoutingModule, RoutingModule.MapRoutingEndpoints),
        new(ComplianceModule.AddComplianceModule, ComplianceModule.MapComplianceEndpoints),
        new(PoliciesModule.AddPoliciesModule, PoliciesModule.MapPoliciesEndpoints),
    ];

    public static IServiceCollection AddOmniaKey(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddDeploymentHardening(configuration);
        var dataDirectory = configuration["Data:Directory"] ?? Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(dataDirectory);

        services.AddSingleton(TimeProvider.System);
        services.AddApplication();
        services.AddWebConventions();
        services.AddClientIp(configuration);
        services.AddSecurity(configuration, dataDirectory);
        services.AddAbuseLimits(configuration);
        services.AddPersistence(configuration, dataDirectory);
        services.AddAdminAudit();
        services.AddAdminTokens();
        services.AddJobs(configuration, DatabaseOptions.FromConfiguration(configuration, dataDirectory));
        services.AddEmail(configuration);
        services.AddHealthAndShutdown(configuration);
        services.AddTelemetry(configuration);
        services.AddWebConsole();

        foreach (var module in Modules)
        {
            module.AddServices(services, configuration);
        }

        // Hosted services start in the order they are registered: the warm-ups need the schema (docs/adr/0051).
        services.AddStartupWarmups();
        return services;
    }

    public static WebApplication UseOmniaKey(this WebApplication app)
    {
        app.UseClientIp();
        app.UseDeploymentHardening();
        app.UseWebConventions();
        app.UseHealthAndShutdown();
        app.UseWebConsole();
        app.UseAbuseLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseJobsDashboard();

        app.MapApiReference();

        foreach (var module in Modules)
        {
            module.MapEndpoints(app);
        }

        app.MapAdminAuditEndpoints();
        app.MapAdminTokenEndpoints();
        app.MapTelemetry();
        app.MapWebConsole();

        // While the hosted services start, the endpoints and the EF models are built in the background (docs/adr/0051).
        return app.StartBuildWarmups();
    }

    private sealed record ModuleWiring(
        Func<IServiceCollection, IConfiguration, IServiceCollection> AddServices,
        Func<IEndpointRouteBuilder, IEndpointRouteBuilder> MapEndpoints);
}
