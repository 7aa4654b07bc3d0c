namespace OmniaKey.Domain.Money;

/// <summary>
/// A list price for one million tokens, in nano-USD. Prices are stored per million so that a price such as
/// $0.075 per million tokens stays an integer (75,000,000 nano-USD).
/// </summary>
public readonly record struct TokenPrice(long NanoUsdPerMillionTokens)
{
    public static TokenPrice Zero => default;

    public static TokenPrice PerMillion(Money usdPerMillion) => new(usdPerMillion.NanoUsd);

    public Money PerMillionTokens => Money.FromNanoUsd(NanoUsdPerMillionTokens);

    /// <summary>
    /// The exact, not yet rounded cost of <paramref name="tokens"/> tokens in units of 1e-15 USD
    /// (nano-USD per million). Sum these across a call's token kinds, then round once with
    /// <see cref="CostRounding.ToMoney"/>.
    /// </summary>
    public Int128 ExactCostOf(long tokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        return (Int128)tokens * NanoUsdPerMillionTokens;
    }
}
