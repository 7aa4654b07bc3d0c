using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Policies.Application.Acceptances.AcceptTerms;
using OmniaKey.Modules.Policies.Application.RefundPolicy;
using OmniaKey.Modules.Policies.Application.Terms.GetTerms;
using OmniaKey.Modules.Policies.Application.Terms.ListTerms;
using OmniaKey.Modules.Policies.Application.Terms.PublishTerms;
using OmniaKey.Modules.Policies.Contracts;

namespace OmniaKey.Modules.Policies.Endpoints;

/// <summary>
/// Anonymous: <c>GET /api/v1/terms/current</c>, <c>GET /api/v1/terms/{version}</c>, <c>GET /api/v1/policies/refunds</c>.
/// Customer: <c>POST /api/v1/terms/accept {version}</c>. Admin: <c>POST /admin/v1/terms</c>, <c>GET /admin/v1/terms</c>.
/// </summary>
internal static class TermsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var terms = app.MapGroup("/api/v1/terms").WithTags("Terms");
        terms.MapGet("/current", (IDispatcher dispatcher, CancellationToken ct) => dispatcher.Query(new GetCurrentTermsQuery(), ct))
            .AllowAnonymous();
        terms.MapGet("/{version}", (string version, IDispatcher dispatcher, CancellationToken ct) => dispatcher.Query(new GetTermsQuery(version), ct))
            .AllowAnonymous();
        terms.MapPost("/accept", (AcceptRequest body, HttpContext http, ICurrentUser user, IDispatcher dispatcher) =>
            dispatcher.Send(new AcceptTermsCommand(user.RequireAccountId(), body.Version, http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted))
            .RequireCustomer();

        app.MapGet("/api/v1/policies/refunds", (IDispatcher dispatcher, CancellationToken ct) => dispatcher.Query(new GetRefundPolicyQuery(), ct))
            .AllowAnonymous()
            .WithTags("Terms");

        var admin = app.MapGroup("/admin/v1/terms").RequireAdmin().WithTags("Terms (admin)");
        admin.MapPost("/", async (PublishRequest body, IDispatcher dispatcher, CancellationToken ct) =>
        {
            var published = await dispatcher.Send(new PublishTermsCommand(body.Version, body.EffectiveAt, body.Material ?? false, body.Text), ct);
            return Results.Created(published.Url, published);
        });
        admin.MapGet("/", (IDispatcher dispatcher, CancellationToken ct) => dispatcher.Query(new ListTermsQuery(), ct));
    }

    internal sealed record AcceptRequest(string? Version);

    internal sealed record PublishRequest(string? Version, DateTimeOffset? EffectiveAt, bool? Material, string? Text);
}
