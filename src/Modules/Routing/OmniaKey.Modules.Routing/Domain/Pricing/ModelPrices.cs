using OmniaKey.Domain.Money;
using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Domain.Pricing;

/// <summary>The four token prices a call is charged at.</summary>
internal sealed record ModelPrices(TokenPrice Input, TokenPrice Output, TokenPrice CacheRead, TokenPrice CacheWrite)
{
    public static ModelPrices ListPricesOf(CatalogModel model) =>
        new(model.InputPrice, model.OutputPrice, model.CacheReadPrice, model.CacheWritePrice);
}

/// <summary>
/// The prices in force for a model at one moment: what a call started now is charged, the undiscounted list prices,
/// and the promotion that made the difference, if any. A call keeps the quote it started with.
/// </summary>
internal sealed record PriceQuote(ModelPrices Prices, ModelPrices ListPrices, Guid? PromotionId, string? PromotionName)
{
    public static PriceQuote ListPrice(CatalogModel model)
    {
        var list = ModelPrices.ListPricesOf(model);
        return new PriceQuote(list, list, null, null);
    }

    public bool IsDiscounted => PromotionId is not null;
}

/// <summary>Quotes the price of a model now, promotions applied.</summary>
internal interface IPriceBook
{
    ValueTask<PriceQuote> QuoteAsync(CatalogModel model, CancellationToken cancellationToken);
}
