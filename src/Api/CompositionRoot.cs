using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OmniaKey.Application;
using OmniaKey.Infrastructure.Jobs;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Accounts;
using OmniaKey.Modules.Billing;
using OmniaKey.Modules.Compliance;
using OmniaKey.Modules.Keys;
using OmniaKey.Modules.Policies;
using OmniaKey.Modules.Routing;

namespace OmniaKey.Api;

/// <summary>The only place where modules and shared infrastructure are put together.</summary>
internal static class CompositionRoot
{
    public static IServiceCollection AddOmniaKey(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var dataDirectory = configuration["Data:Directory"] ?? Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(dataDirectory);

        services.AddSingleton(TimeProvider.System);
        services.AddApplication();
        services.AddWebConventions();
        services.AddSecurity(dataDirectory);
        services.AddPersistence(configuration, dataDirectory);
        services.AddJobs(configuration, DatabaseOptions.FromConfiguration(configuration, dataDirectory));
        services.AddOpenApi();
        services.AddHealthChecks();

        services.AddAccountsModule(configuration);
        services.AddKeysModule(configuration);
        services.AddBillingModule(configuration);
        services.AddRoutingModule(configuration);
        services.AddComplianceModule(configuration);
        services.AddPoliciesModule(configuration);
        return services;
    }

    public static WebApplication UseOmniaKey(this WebApplication app)
    {
        app.UseWebConventions();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseJobsDashboard();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");

        app.MapAccountsEndpoints();
        app.MapKeysEndpoints();
        app.MapBillingEndpoints();
        app.MapRoutingEndpoints();
        app.MapComplianceEndpoints();
        app.MapPoliciesEndpoints();
        return app;
    }
}
