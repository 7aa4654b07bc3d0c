using System.Text.Json.Serialization;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// OpenAI's model object plus OmniaKey's <c>pricing</c> (what a call started now costs, promotion applied) and,
/// only while a promotion applies, <c>list_pricing</c> (the undiscounted prices); decimal USD strings per million tokens.
/// </summary>
internal sealed record ModelObject(
    string Id,
    string Object,
    long Created,
    string OwnedBy,
    int ContextWindow,
    int MaxOutputTokens,
    ModelPricing Pricing,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ModelPricing? ListPricing)
{
    public static ModelObject From(CatalogModel m, PriceQuote quote) => new(
        m.Id,
        "model",
        m.CreatedUnix,
        m.Provider,
        m.ContextWindow,
        m.MaxOutputTokens,
        ModelPricing.From(quote.Prices),
        quote.IsDiscounted ? ModelPricing.From(quote.ListPrices) : null);
}

internal sealed record ModelPricing(string InputPerMillionUsd, string OutputPerMillionUsd, string CacheReadPerMillionUsd, string CacheWritePerMillionUsd)
{
    public static ModelPricing From(ModelPrices prices) => new(
        prices.Input.PerMillionTokens.ToString(),
        prices.Output.PerMillionTokens.ToString(),
        prices.CacheRead.PerMillionTokens.ToString(),
        prices.CacheWrite.PerMillionTokens.ToString());
}
