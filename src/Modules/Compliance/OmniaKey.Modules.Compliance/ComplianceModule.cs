using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Compliance.Infrastructure.Geo;
using OmniaKey.Modules.Compliance.Infrastructure.Persistence;

namespace OmniaKey.Modules.Compliance;

/// <summary>Country resolution, access decisions and their audit trail (Terms §2).</summary>
public static class ComplianceModule
{
    public static IServiceCollection AddComplianceModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ComplianceDbContext, SqliteComplianceDbContext, PostgresComplianceDbContext, SqlServerComplianceDbContext>(ComplianceDbContext.SchemaName);
        services.AddGeoIp(configuration);
        services.AddHandlersFrom(typeof(ComplianceModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app) => app;
}
