using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Compliance.Application.Decisions.ListDecisions;
using OmniaKey.Modules.Compliance.Application.Reviews.ListReviews;
using OmniaKey.Modules.Compliance.Application.Reviews.ResolveReview;

namespace OmniaKey.Modules.Compliance.Endpoints;

internal static class ComplianceEndpoints
{
    /// <summary>Who resolved a review. The admin API has one principal today, the admin token.</summary>
    private const string Operator = "admin";

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/v1/compliance").RequireAdmin().WithTags("Compliance (admin)");
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
        admin.MapPost("/reviews/{id:guid}/resolve", (Guid id, ResolveRequest body, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(new ResolveReviewCommand(id, body.Outcome ?? string.Empty, body.Note ?? string.Empty, Operator), ct));
    }

    /// <summary>An empty query parameter (<c>?outcome=</c>) means no filter.</summary>
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal sealed record ResolveRequest(string? Outcome, string? Note);
}
