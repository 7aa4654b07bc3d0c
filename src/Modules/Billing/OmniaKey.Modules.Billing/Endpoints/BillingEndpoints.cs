using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Billing.Application.Ledger.ListLedger;
using OmniaKey.Modules.Billing.Application.Ledger.ReconcileBalances;
using OmniaKey.Modules.Billing.Application.Payments.CreateCheckout;
using OmniaKey.Modules.Billing.Application.Payments.ListDisputes;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Infrastructure.Audit;

namespace OmniaKey.Modules.Billing.Endpoints;

internal static class BillingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var customer = app.MapGroup("/api/v1").RequireCustomer().WithTags("Billing");
        customer.MapGet("/balance", (IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
            dispatcher.Query(new GetBalanceQuery(user.RequireAccountId()), ct));
        customer.MapGet("/ledger", (int? limit, string? cursor, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
            dispatcher.Query(new ListLedgerQuery(user.RequireAccountId(), limit, cursor), ct));
        customer.MapPost("/billing/checkout", async (CheckoutRequest body, HttpContext http, IDispatcher dispatcher, ICurrentUser user) =>
        {
            var command = new CreateCheckoutCommand(user.RequireAccountId(), body.AmountUsd ?? string.Empty, http.Connection.RemoteIpAddress?.ToString());
            var session = await dispatcher.SendRecordingDenial(command, http.RequestAborted);
            return Results.Created((string?)null, session);
        });

        var admin = app.MapGroup("/admin/v1").RequireAdmin().WithTags("Billing (admin)");
        admin.MapPost("/accounts/{accountId:guid}/credits", async (
            Guid accountId,
            CreditRequest body,
            [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
            IDispatcher dispatcher,
            CancellationToken ct) =>
        {
            var entry = await dispatcher.Send(new CreditBalanceCommand(accountId, body.AmountUsd ?? string.Empty, body.Reason ?? string.Empty, idempotencyKey), ct);
            return Results.Created($"/admin/v1/accounts/{accountId}/ledger/{entry.Id}", entry);
        }).AuditBefore(route => route.RouteGuid("accountId") is { } accountId ? new GetBalanceQuery(accountId) : null);
        admin.MapGet("/accounts/{accountId:guid}/ledger", (Guid accountId, int? limit, string? cursor, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Query(new ListLedgerQuery(accountId, limit, cursor), ct));
        admin.MapGet("/billing/reconciliation", ([FromQuery(Name = "account_id")] Guid? accountId, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Query(new ReconcileBalancesQuery(accountId), ct));
        admin.MapGet("/billing/disputes", ([FromQuery(Name = "account_id")] Guid? accountId, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Query(new ListDisputesQuery(accountId), ct));
    }

    internal sealed record CreditRequest(string? AmountUsd, string? Reason);

    internal sealed record CheckoutRequest(string? AmountUsd);
}
