using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Infrastructure.Security.AdminTokens;

/// <summary>
/// Named admin tokens (docs/operators.md): <c>POST /admin/v1/admin-tokens {name}</c> → 201 with the secret, once;
/// <c>GET /admin/v1/admin-tokens</c>; <c>POST /admin/v1/admin-tokens/{id}/revoke</c>.
/// </summary>
public static class AdminTokenEndpoints
{
    public static IServiceCollection AddAdminTokens(this IServiceCollection services)
    {
        services.AddScoped<AdminTokenLookup>();
        return services;
    }

    public static IEndpointRouteBuilder MapAdminTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/admin/v1/admin-tokens").RequireAdmin().WithTags("Admin tokens (admin)");
        tokens.MapGet("/", (IDispatcher dispatcher, CancellationToken ct) => dispatcher.Query(new ListAdminTokensQuery(), ct));
        tokens.MapPost("/", async (CreateAdminTokenRequest body, IDispatcher dispatcher, CancellationToken ct) =>
        {
            var created = await dispatcher.Send(new CreateAdminTokenCommand(body.Name), ct);
            return Results.Created($"/admin/v1/admin-tokens/{created.Id}", created);
        });
        tokens.MapPost("/{id:guid}/revoke", (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(new RevokeAdminTokenCommand(id), ct));
        return app;
    }

    internal sealed record CreateAdminTokenRequest(string? Name);
}
