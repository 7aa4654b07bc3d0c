using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Routing.Domain.Pricing;

/// <summary>
/// A promotion's discount in basis points: 1 to 10,000 (0.01 % to 100 % off); 9,500 is "95 % off". A discounted
/// price per million tokens is <c>floor(list × (10,000 − basis points) / 10,000)</c> nano-USD, computed exactly in
/// integers and rounded <b>down</b>, so a customer never pays more than the advertised discount promises
/// (docs/adr/0007-promotion-pricing.md).
/// </summary>
internal readonly record struct Discount
{
    public const int MinBasisPoints = 1;
    public const int MaxBasisPoints = 10_000;

    public Discount(int basisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(basisPoints, MinBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(basisPoints, MaxBasisPoints);
        BasisPoints = basisPoints;
    }

    public int BasisPoints { get; }

    public TokenPrice ApplyTo(TokenPrice listPrice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(listPrice.NanoUsdPerMillionTokens);

        // Int128: a price near long.MaxValue times 10,000 does not fit in a long. Division of non-negative
        // integers truncates, which is rounding down.
        var kept = (Int128)listPrice.NanoUsdPerMillionTokens * (MaxBasisPoints - BasisPoints);
        return new TokenPrice((long)(kept / MaxBasisPoints));
    }

    public ModelPrices ApplyTo(ModelPrices list) =>
        new(ApplyTo(list.Input), ApplyTo(list.Output), ApplyTo(list.CacheRead), ApplyTo(list.CacheWrite));
}
