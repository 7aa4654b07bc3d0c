using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Compliance.Application.Decisions.ListDecisions;
using OmniaKey.Modules.Compliance.Application.Reviews.ListReviews;
using OmniaKey.Modules.Compliance.Application.Reviews.ResolveReview;
using OmniaKey.Infrastructure.Audit;
using OmniaKey.Infrastructure.Security.AdminTokens;
using OmniaKey.Modules.Compliance.Application.Reviews.GetReview;

namespace OmniaKey.Modules.Compliance.Endpoints;

internal static class ComplianceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/v1/compliance").RequireAdmin().WithTags("Compliance (admin)")
            .AuditBefore(route => route.RouteGuid("id") is { } id ? new GetReviewQuery(id) : null);
        admin.MapGet("/decisions", (
            [FromQuery(Name = "account_id")] string? accountId,
            string? outcome,
            string? surface,
            int? limit,
            string? cursor,
            IDispatcher dispatcher,
            CancellationToken ct) =>
            dispatcher.Query(new ListDecisionsQuery(Blank(accountId), Blank(outcome), Blank(surface), limit, cursor), ct));
        admin.MapGet("/reviews", (string? status, int? limit, string? cursor, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Query(new ListReviewsQuery(Blank(status), limit, cursor), ct));
        admin.MapGet("/reviews/{id:guid}", (Guid id, IDispatcher dispatcher, CancellationToken ct) => dispatcher.Query(new GetReviewQuery(id), ct));

        // Resolved by the admin principal the audit trail names: "bootstrap" or a named admin token.
        admin.MapPost("/reviews/{id:guid}/resolve", (Guid id, ResolveRequest body, HttpContext http, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(new ResolveReviewCommand(id, body.Outcome ?? string.Empty, body.Note ?? string.Empty, AdminActors.Of(http.User)), ct));
    }

    /// <summary>An empty query parameter (<c>?outcome=</c>) means no filter.</summary>
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal sealed record ResolveRequest(string? Outcome, string? Note);
}
