using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Application.Catalog;

/// <summary>A catalogue model as operators see it: list prices per million tokens as decimal USD strings.</summary>
internal sealed record CatalogModelDto(
    string Id,
    IReadOnlyList<string> Aliases,
    string Provider,
    string UpstreamModel,
    int ContextWindow,
    int MaxOutputTokens,
    ModelPricingDto Pricing,
    int ImageInputMaxTokens,
    int AudioInputMaxTokens,
    int FileInputMaxTokens,
    bool Enabled,
    long Created)
{
    public static CatalogModelDto From(CatalogModel model) => new(
        model.Id,
        [.. model.AliasNames.Order(StringComparer.Ordinal)],
        model.Provider,
        model.UpstreamModel,
        model.ContextWindow,
        model.MaxOutputTokens,
        new ModelPricingDto(
            model.InputPrice.PerMillionTokens.ToString(),
            model.OutputPrice.PerMillionTokens.ToString(),
            model.CacheReadPrice.PerMillionTokens.ToString(),
            model.CacheWritePrice.PerMillionTokens.ToString()),
        model.ImageInputMaxTokens,
        model.AudioInputMaxTokens,
        model.FileInputMaxTokens,
        model.Enabled,
        model.CreatedUnix);
}

/// <summary>The same four prices and field names as <c>pricing</c> on <c>/v1/models</c>.</summary>
internal sealed record ModelPricingDto(string InputPerMillionUsd, string OutputPerMillionUsd, string CacheReadPerMillionUsd, string CacheWritePerMillionUsd);

/// <summary>Prices as an operator sends them (decimal USD strings per million tokens); a null price is left unchanged on update.</summary>
internal sealed record ModelPricingInput(string? InputPerMillionUsd, string? OutputPerMillionUsd, string? CacheReadPerMillionUsd, string? CacheWritePerMillionUsd);
