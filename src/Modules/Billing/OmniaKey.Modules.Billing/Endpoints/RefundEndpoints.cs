using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Billing.Application.Refunds.ApproveRefund;
using OmniaKey.Modules.Billing.Application.Refunds.DenyRefund;
using OmniaKey.Modules.Billing.Application.Refunds.ListRefunds;
using OmniaKey.Modules.Billing.Application.Refunds.RequestRefund;
using OmniaKey.Infrastructure.Audit;
using OmniaKey.Modules.Billing.Application.Refunds.GetRefund;

namespace OmniaKey.Modules.Billing.Endpoints;

/// <summary>
/// Customer: <c>POST /api/v1/billing/refunds {amount_usd?}</c> (honours <c>Idempotency-Key</c>) and
/// <c>GET /api/v1/billing/refunds</c>. Admin: <c>GET /admin/v1/refunds</c>, <c>POST /admin/v1/refunds/{id}/approve</c>
/// and <c>.../deny</c>.
/// </summary>
internal static class RefundEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var customer = app.MapGroup("/api/v1/billing/refunds").RequireCustomer().WithTags("Billing");
        customer.MapPost("/", async (
            RefundRequest? body,
            [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
            IDispatcher dispatcher,
            ICurrentUser user,
            CancellationToken ct) =>
        {
            var refund = await dispatcher.Send(new RequestRefundCommand(user.RequireAccountId(), body?.AmountUsd, idempotencyKey), ct);
            return Results.Created((string?)null, refund);
        });
        customer.MapGet("/", (int? limit, string? cursor, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
            dispatcher.Query(new ListRefundsQuery(user.RequireAccountId(), null, limit, cursor), ct));

        var admin = app.MapGroup("/admin/v1/refunds").RequireAdmin().WithTags("Billing (admin)")
            .AuditBefore(route => route.RouteGuid("id") is { } id ? new GetRefundQuery(id) : null);
        admin.MapGet("/", (
            [FromQuery(Name = "account_id")] Guid? accountId,
            string? status,
            int? limit,
            string? cursor,
            IDispatcher dispatcher,
            CancellationToken ct) => dispatcher.Query(new ListRefundsQuery(accountId, status, limit, cursor), ct));
        admin.MapGet("/{id:guid}", (Guid id, IDispatcher dispatcher, CancellationToken ct) => dispatcher.Query(new GetRefundQuery(id), ct));
        admin.MapPost("/{id:guid}/approve", (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(new ApproveRefundCommand(id), ct));
        admin.MapPost("/{id:guid}/deny", (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(new DenyRefundCommand(id), ct));
    }

    internal sealed record RefundRequest(string? AmountUsd);
}
