using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>OpenAI's model object plus OmniaKey's <c>pricing</c> (decimal USD strings per million tokens).</summary>
internal sealed record ModelObject(string Id, string Object, long Created, string OwnedBy, int ContextWindow, int MaxOutputTokens, ModelPricing Pricing)
{
    public static ModelObject From(CatalogModel m) => new(
        m.Id,
        "model",
        m.CreatedUnix,
        m.Provider,
        m.ContextWindow,
        m.MaxOutputTokens,
        new ModelPricing(
            m.InputPrice.PerMillionTokens.ToString(),
            m.OutputPrice.PerMillionTokens.ToString(),
            m.CacheReadPrice.PerMillionTokens.ToString(),
            m.CacheWritePrice.PerMillionTokens.ToString()));
}

internal sealed record ModelPricing(string InputPerMillionUsd, string OutputPerMillionUsd, string CacheReadPerMillionUsd, string CacheWritePerMillionUsd);
