using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Routing.Application.Catalog;
using OmniaKey.Modules.Routing.Application.Catalog.CreateModel;
using OmniaKey.Modules.Routing.Application.Catalog.DisableModel;
using OmniaKey.Modules.Routing.Application.Catalog.GetModel;
using OmniaKey.Modules.Routing.Application.Catalog.ListModels;
using OmniaKey.Modules.Routing.Application.Catalog.UpdateModel;
using OmniaKey.Infrastructure.Audit;

namespace OmniaKey.Modules.Routing.Endpoints;

/// <summary>
/// <c>/admin/v1/models</c>: the catalogue with list prices. <c>DELETE</c> disables (see
/// <see cref="DisableModelCommand"/>); ids may contain <c>/</c>, hence the catch-all route parameter.
/// </summary>
internal static class CatalogAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/admin/v1/models").RequireAdmin().WithTags("Model catalogue (admin)")
            .AuditBefore(route => route.TryGetValue("id", out var id) && id?.ToString() is { Length: > 0 } model ? new GetModelQuery(model) : null);
        models.MapGet("/", async (IDispatcher dispatcher, CancellationToken ct) =>
            new ListPage<CatalogModelDto>(await dispatcher.Query(new ListModelsQuery(), ct)));
        models.MapGet("/{**id}", (string id, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Query(new GetModelQuery(id), ct));
        models.MapPost("/", async (CreateModelRequest body, IDispatcher dispatcher, CancellationToken ct) =>
        {
            var model = await dispatcher.Send(
                new CreateModelCommand(
                    body.Id ?? string.Empty,
                    body.Aliases ?? [],
                    body.Provider ?? string.Empty,
                    body.UpstreamModel ?? string.Empty,
                    body.ContextWindow,
                    body.MaxOutputTokens,
                    body.Pricing,
                    body.ImageInputMaxTokens,
                    body.AudioInputMaxTokens,
                    body.FileInputMaxTokens,
                    body.Enabled ?? true),
                ct);
            return Results.Created($"/admin/v1/models/{model.Id}", model);
        });
        models.MapPatch("/{**id}", (string id, UpdateModelRequest body, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(
                new UpdateModelCommand(id, body.Aliases, body.Provider, body.UpstreamModel, body.ContextWindow, body.MaxOutputTokens, body.Pricing,
                    body.ImageInputMaxTokens, body.AudioInputMaxTokens, body.FileInputMaxTokens, body.Enabled),
                ct));
        models.MapDelete("/{**id}", (string id, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(new DisableModelCommand(id), ct));
    }

    internal sealed record CreateModelRequest(
        string? Id,
        IReadOnlyList<string>? Aliases,
        string? Provider,
        string? UpstreamModel,
        int? ContextWindow,
        int? MaxOutputTokens,
        ModelPricingInput? Pricing,
        int? ImageInputMaxTokens,
        int? AudioInputMaxTokens,
        int? FileInputMaxTokens,
        bool? Enabled);

    internal sealed record UpdateModelRequest(
        IReadOnlyList<string>? Aliases,
        string? Provider,
        string? UpstreamModel,
        int? ContextWindow,
        int? MaxOutputTokens,
        ModelPricingInput? Pricing,
        int? ImageInputMaxTokens,
        int? AudioInputMaxTokens,
        int? FileInputMaxTokens,
        bool? Enabled);
}
