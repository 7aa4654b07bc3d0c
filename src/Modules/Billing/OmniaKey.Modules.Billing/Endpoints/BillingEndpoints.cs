using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Endpoints;

internal static class BillingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var customer = app.MapGroup("/api/v1").RequireCustomer().WithTags("Billing");
        customer.MapGet("/balance", (IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
            dispatcher.Query(new GetBalanceQuery(user.RequireAccountId()), ct));

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
        });
    }

    internal sealed record CreditRequest(string? AmountUsd, string? Reason);
}
