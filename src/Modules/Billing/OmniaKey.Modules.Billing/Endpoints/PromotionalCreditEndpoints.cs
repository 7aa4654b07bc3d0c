using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Billing.Application.Balances.GrantPromotionalCredit;
using OmniaKey.Infrastructure.Audit;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Endpoints;

internal static class PromotionalCreditEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/v1/accounts/{accountId:guid}/promotional-credits").RequireAdmin().WithTags("Billing (admin)")
            .AuditBefore(route => route.RouteGuid("accountId") is { } accountId ? new GetBalanceQuery(accountId) : null);
        admin.MapPost("/", async (
            Guid accountId,
            PromotionalCreditRequest body,
            [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
            IDispatcher dispatcher,
            CancellationToken ct) =>
        {
            var command = new GrantPromotionalCreditCommand(accountId, body.AmountUsd ?? string.Empty, body.Reason ?? string.Empty, idempotencyKey);
            var entry = await dispatcher.Send(command, ct);
            return Results.Created($"/admin/v1/accounts/{accountId}/ledger/{entry.Id}", entry);
        });
    }

    internal sealed record PromotionalCreditRequest(string? AmountUsd, string? Reason);
}
