using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Domain.Pricing;

/// <summary>The price of a model at one moment, given the promotions that may apply (docs/adr/0007-promotion-pricing.md).</summary>
internal static class PromotionalPricing
{
    public static PriceQuote Quote(CatalogModel model, IReadOnlyList<Promotion> promotions, DateTimeOffset moment)
    {
        var best = BestFor(model, promotions, moment);
        if (best is null)
        {
            return PriceQuote.ListPrice(model);
        }

        var list = ModelPrices.ListPricesOf(model);
        return new PriceQuote(best.Discount.ApplyTo(list), list, best.Id, best.Name);
    }

    /// <summary>
    /// The promotion in force for <paramref name="model"/> at <paramref name="moment"/> with the largest discount;
    /// on a tie the one that started first, then the smaller id, so the answer never depends on list order.
    /// Discounts never stack.
    /// </summary>
    public static Promotion? BestFor(CatalogModel model, IReadOnlyList<Promotion> promotions, DateTimeOffset moment)
    {
        Promotion? best = null;
        foreach (var candidate in promotions)
        {
            if (candidate.IsInForceAt(moment) && candidate.AppliesTo(model) && (best is null || Beats(candidate, best)))
            {
                best = candidate;
            }
        }

        return best;
    }

    private static bool Beats(Promotion candidate, Promotion best) =>
        candidate.Discount.BasisPoints != best.Discount.BasisPoints
            ? candidate.Discount.BasisPoints > best.Discount.BasisPoints
            : candidate.StartsAt != best.StartsAt
                ? candidate.StartsAt < best.StartsAt
                : candidate.Id.CompareTo(best.Id) < 0;
}
