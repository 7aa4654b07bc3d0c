using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Compliance.Application.Decisions;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Compliance.Domain.Decisions;
using OmniaKey.Modules.Compliance.Domain.Reviews;
using OmniaKey.Modules.Compliance.Endpoints;
using OmniaKey.Modules.Compliance.Infrastructure.ApiGate;
using OmniaKey.Modules.Compliance.Infrastructure.Geo;
using OmniaKey.Modules.Compliance.Infrastructure.Persistence;

namespace OmniaKey.Modules.Compliance;

/// <summary>Country resolution, Restricted Territory decisions on every surface, their audit trail and the review queue (Terms §2).</summary>
public static class ComplianceModule
{
    public static IServiceCollection AddComplianceModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ComplianceDbContext, SqliteComplianceDbContext, PostgresComplianceDbContext, SqlServerComplianceDbContext>(ComplianceDbContext.SchemaName);
        services.AddGeoIp(configuration);
        services.AddSingleton<AccessEvaluator>();
        services.AddScoped<IAccessDecisionRepository, AccessDecisionRepository>();
        services.AddScoped<IComplianceReviewRepository, ComplianceReviewRepository>();

        // The /v1 gate: memory only, its audit written in the background.
        services.AddSingleton<DecisionAuditQueue>();
        services.AddSingleton<IPendingDecisionWrites>(sp => sp.GetRequiredService<DecisionAuditQueue>());
        services.AddSingleton<ITerritoryGate, TerritoryGate>();
        services.AddHostedService<DecisionAuditWriter>();

        services.AddHandlersFrom(typeof(ComplianceModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        ComplianceEndpoints.Map(app);
        return app;
    }
}
