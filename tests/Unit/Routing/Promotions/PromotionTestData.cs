using OmniaKey.Domain.Money;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.UnitTests.Routing.Promotions;

/// <summary>Models and promotions for the pricing tests; times are whole days of December 2026, UTC.</summary>
internal static class PromotionTestData
{
    public static readonly DateTimeOffset Dec1 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static CatalogModel Model(string id, string provider, string input = "2.5", string output = "10", string cacheRead = "1.25", string cacheWrite = "0") => new()
    {
        Id = id,
        Provider = provider,
        UpstreamModel = id,
        ContextWindow = 128_000,
        MaxOutputTokens = 16_384,
        InputPrice = Price(input),
        OutputPrice = Price(output),
        CacheReadPrice = Price(cacheRead),
        CacheWritePrice = Price(cacheWrite),
        Enabled = true,
    };

    public static TokenPrice Price(string usdPerMillion) => TokenPrice.PerMillion(Money.Parse(usdPerMillion));

    public static Promotion Promotion(
        int basisPoints, string? provider = null, string? pattern = null, DateTimeOffset? starts = null, DateTimeOffset? ends = null, string name = "promo") =>
        OmniaKey.Modules.Routing.Domain.Promotions.Promotion.Create(
            name, provider, pattern, new Discount(basisPoints), starts ?? Dec1, ends ?? Dec1.AddDays(7), Dec1.AddDays(-30));
}
