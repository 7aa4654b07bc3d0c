using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Routing.Application.Promotions;
using OmniaKey.Modules.Routing.Application.Promotions.CreatePromotion;
using OmniaKey.Modules.Routing.Application.Promotions.DeletePromotion;
using OmniaKey.Modules.Routing.Application.Promotions.GetPromotion;
using OmniaKey.Modules.Routing.Application.Promotions.ListPromotions;
using OmniaKey.Modules.Routing.Application.Promotions.UpdatePromotion;
using OmniaKey.Infrastructure.Audit;

namespace OmniaKey.Modules.Routing.Endpoints;

/// <summary><c>/admin/v1/promotions</c>: time-boxed discounts (docs/adr/0007-promotion-pricing.md). <c>PUT</c> replaces.</summary>
internal static class PromotionsAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var promotions = app.MapGroup("/admin/v1/promotions").RequireAdmin().WithTags("Promotions (admin)")
            .AuditBefore(route => route.RouteGuid("id") is { } id ? new GetPromotionQuery(id) : null);
        promotions.MapGet("/", async (IDispatcher dispatcher, CancellationToken ct) =>
            new ListPage<PromotionDto>(await dispatcher.Query(new ListPromotionsQuery(), ct)));
        promotions.MapGet("/{id:guid}", (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Query(new GetPromotionQuery(id), ct));
        promotions.MapPost("/", async (PromotionRequest body, IDispatcher dispatcher, CancellationToken ct) =>
        {
            var promotion = await dispatcher.Send(
                new CreatePromotionCommand(body.Name ?? string.Empty, body.Provider, body.ModelPattern, body.DiscountBasisPoints, body.StartsAt, body.EndsAt),
                ct);
            return Results.Created($"/admin/v1/promotions/{promotion.Id}", promotion);
        });
        promotions.MapPut("/{id:guid}", (Guid id, PromotionRequest body, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(
                new UpdatePromotionCommand(id, body.Name ?? string.Empty, body.Provider, body.ModelPattern, body.DiscountBasisPoints, body.StartsAt, body.EndsAt),
                ct));
        promotions.MapDelete("/{id:guid}", async (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
        {
            await dispatcher.Send(new DeletePromotionCommand(id), ct);
            return Results.NoContent();
        });
    }

    internal sealed record PromotionRequest(
        string? Name,
        string? Provider,
        string? ModelPattern,
        int? DiscountBasisPoints,
        DateTimeOffset? StartsAt,
        DateTimeOffset? EndsAt);
}
