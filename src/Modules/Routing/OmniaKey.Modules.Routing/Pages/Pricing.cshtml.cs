using Microsoft.AspNetCore.Authorization;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Application.Promotions;
using OmniaKey.Modules.Routing.Application.Promotions.ListPromotions;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Routing.Pages;

/// <summary>
/// <c>/pricing</c>, public: every enabled model with the price a call started now pays and, while a promotion runs,
/// its list price; and the promotions running now. Served from the same in-memory catalogue and price book as
/// <c>/v1/models</c>, so the page and the API never disagree.
/// </summary>
[AllowAnonymous]
internal sealed class PricingModel(IModelCatalog catalog, IPriceBook prices, IDispatcher dispatcher) : ConsolePageModel
{
    public IReadOnlyList<PricedModel> Models { get; private set; } = [];

    public IReadOnlyList<PromotionDto> Promotions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var models = await catalog.ListEnabledAsync(cancellationToken);
        var priced = new List<PricedModel>(models.Count);
        foreach (var model in models.OrderBy(m => m.Provider, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal))
        {
            priced.Add(new PricedModel(model, await prices.QuoteAsync(model, cancellationToken)));
        }

        Models = priced;
        Promotions = [.. (await dispatcher.Query(new ListPromotionsQuery(), cancellationToken)).Where(p => p.Status == "active")];
    }

    internal sealed record PricedModel(CatalogModel Model, PriceQuote Quote);
}
