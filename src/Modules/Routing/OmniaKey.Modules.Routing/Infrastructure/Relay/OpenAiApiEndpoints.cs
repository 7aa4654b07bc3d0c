using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// The OpenAI-compatible surface. It lives with the relay rather than in <c>Endpoints</c> because proxying a stream
/// is infrastructure work that cannot go through the mediator without buffering it.
/// </summary>
internal static class OpenAiApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("OpenAI-compatible API");
        v1.MapPost("/chat/completions", (HttpContext http, ChatCompletionsRelay relay) => relay.HandleAsync(http));
        v1.MapGet("/models", async (HttpContext http, CallerGate callers, IModelCatalog catalog, IPriceBook prices) =>
        {
            if (await callers.AuthenticateAsync(http) is not { } caller)
            {
                return Results.Empty;
            }

            // Only the models the key may use (all of them without an allow-list).
            var models = await catalog.ListEnabledAsync(http.RequestAborted);
            var data = new List<ModelObject>(models.Count);
            foreach (var model in models.Where(m => caller.Limits.AllowsModel(m.Id, m.AliasNames)))
            {
                data.Add(ModelObject.From(model, await prices.QuoteAsync(model, http.RequestAborted)));
            }

            return Results.Ok(new { Object = "list", Data = data });
        });
        v1.MapGet("/models/{**id}", async (string id, HttpContext http, CallerGate callers, IModelCatalog catalog, IPriceBook prices) =>
        {
            if (await callers.AuthenticateAsync(http) is not { } caller)
            {
                return Results.Empty;
            }

            if (await catalog.FindEnabledAsync(id, http.RequestAborted) is { } model)
            {
                // The model exists; the key's owner set the allow-list, so saying so leaks nothing (as on chat completions).
                if (!caller.Limits.AllowsModel(model.Id, model.AliasNames))
                {
                    await KeyLimitGate.RefuseModelAsync(http, id);
                    return Results.Empty;
                }

                return Results.Ok(ModelObject.From(model, await prices.QuoteAsync(model, http.RequestAborted)));
            }

            await OpenAiError.ModelNotFound(http, id);
            return Results.Empty;
        });
    }
}
