using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;

namespace OmniaKey.Modules.Routing.Infrastructure;

/// <summary>Quotes list prices only (until promotions are in place).</summary>
internal sealed class ListPriceBook : IPriceBook
{
    public ValueTask<PriceQuote> QuoteAsync(CatalogModel model, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PriceQuote.ListPrice(model));
}
