using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Infrastructure.Security;

namespace OmniaKey.Infrastructure.Audit;

/// <summary>The admin audit trail: its table, the per-request scope the filter and the unit of work share, and its list.</summary>
public static class AuditRegistration
{
    public static IServiceCollection AddAdminAudit(this IServiceCollection services)
    {
        services.AddModuleDbContext<AuditDbContext, SqliteAuditDbContext, PostgresAuditDbContext, SqlServerAuditDbContext>(AuditDbContext.SchemaName);
        services.AddScoped<AdminAuditScope>();
        services.AddHandlersFrom(typeof(AuditRegistration).Assembly);
        return services;
    }

    /// <summary><c>GET /admin/v1/audit?actor=&amp;action=&amp;target_id=&amp;cursor=&amp;limit=</c> → <c>{data, next_cursor}</c>.</summary>
    public static IEndpointRouteBuilder MapAdminAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/admin/v1/audit").RequireAdmin().WithTags("Audit (admin)")
            .MapGet("/", (
                string? actor,
                string? action,
                [FromQuery(Name = "target_id")] string? targetId,
                string? cursor,
                int? limit,
                IDispatcher dispatcher,
                CancellationToken ct) => dispatcher.Query(new ListAdminActionsQuery(actor, action, targetId, cursor, limit), ct));
        return app;
    }

    /// <summary>Records the group's state-changing requests in the audit trail (see <see cref="AdminAuditFilter"/>).</summary>
    internal static TBuilder AuditAdminActions<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter(new AdminAuditFilter());
}
