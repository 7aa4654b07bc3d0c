using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Policies.Domain.Terms;
using OmniaKey.Modules.Policies.Endpoints;
using OmniaKey.Modules.Policies.Infrastructure.Persistence;

namespace OmniaKey.Modules.Policies;

/// <summary>Terms of Service versions (later: acceptances, change notices, acceptable-use actions).</summary>
public static class PoliciesModule
{
    public static IServiceCollection AddPoliciesModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PoliciesDbContext, SqlitePoliciesDbContext, PostgresPoliciesDbContext, SqlServerPoliciesDbContext>(PoliciesDbContext.SchemaName);
        services.AddScoped<ITermsRepository, TermsRepository>();
        services.AddScoped<IDataSeeder, TermsSeeder>();
        services.AddHandlersFrom(typeof(PoliciesModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapPoliciesEndpoints(this IEndpointRouteBuilder app)
    {
        TermsEndpoints.Map(app);
        return app;
    }
}
