using OmniaKey.Domain.Money;
using Xunit;

namespace OmniaKey.UnitTests.Domain;

/// <summary>
/// The one rounding rule: a call's exact cost in femto-USD (nano-USD per million tokens × tokens), summed over its
/// token kinds, is divided by one million once and rounded up to the next whole nano-USD.
/// </summary>
public sealed class CostRoundingTests
{
    private const long FemtoPerNano = 1_000_000;

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1L, 1L)]
    [InlineData(999_999L, 1L)]
    [InlineData(1_000_000L, 1L)]
    [InlineData(1_000_001L, 2L)]
    [InlineData(1_999_999L, 2L)]
    [InlineData(2_000_000L, 2L)]
    [InlineData(37_500_000L, 38L)]
    [InlineData(75_000_000L, 75L)]
    public void Exact_costs_round_up_to_the_next_whole_nano_usd(long femtoUsd, long expectedNanoUsd) =>
        Assert.Equal(Money.FromNanoUsd(expectedNanoUsd), CostRounding.ToMoney(femtoUsd));

    [Fact]
    public void A_negative_cost_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CostRounding.ToMoney(-1));

    [Fact]
    public void Rounding_happens_once_per_call_not_per_token_kind()
    {
        // $0.0375 per million tokens: one token costs 37.5 nano-USD exactly.
        var price = TokenPrice.PerMillion(Money.Parse("0.0375"));
        var input = price.ExactCostOf(1);
        var output = price.ExactCostOf(1);

        Assert.Equal(Money.FromNanoUsd(75), CostRounding.ToMoney(input + output));
        Assert.Equal(Money.FromNanoUsd(76), CostRounding.ToMoney(input) + CostRounding.ToMoney(output));
    }

    [Fact]
    public void The_rounding_error_of_a_call_is_below_one_nano_usd()
    {
        var price = TokenPrice.PerMillion(Money.Parse("3"));
        foreach (var tokens in new long[] { 1, 7, 333, 333_333, 1_234_567 })
        {
            var exact = price.ExactCostOf(tokens);
            var charged = (Int128)CostRounding.ToMoney(exact).NanoUsd * FemtoPerNano;

            Assert.InRange(charged - exact, Int128.Zero, (Int128)(FemtoPerNano - 1));
        }
    }

    [Fact]
    public void A_typical_call_costs_what_the_price_list_says()
    {
        // Claude-like prices: $3 input, $15 output, $0.30 cache read, $3.75 cache write per million tokens.
        var input = TokenPrice.PerMillion(Money.Parse("3"));
        var output = TokenPrice.PerMillion(Money.Parse("15"));
        var cacheRead = TokenPrice.PerMillion(Money.Parse("0.3"));
        var cacheWrite = TokenPrice.PerMillion(Money.Parse("3.75"));

        var exact = input.ExactCostOf(1_234) + output.ExactCostOf(567) + cacheRead.ExactCostOf(10_000) + cacheWrite.ExactCostOf(89);

        // 0.003702 + 0.008505 + 0.003 + 0.00033375 = 0.01554075 USD, already a whole number of nano-USD.
        Assert.Equal(Money.Parse("0.01554075"), CostRounding.ToMoney(exact));
    }

    [Fact]
    public void Large_token_counts_are_computed_in_Int128_without_overflow()
    {
        // A trillion tokens at $75 per million: 7.5e22 femto-USD, far beyond the range of a long.
        var price = TokenPrice.PerMillion(Money.Parse("75"));
        var exact = price.ExactCostOf(1_000_000_000_000);

        Assert.True(exact > long.MaxValue);
        Assert.Equal((Int128)1_000_000_000_000 * 75_000_000_000, exact);
        Assert.Equal(Money.Parse("75000000"), CostRounding.ToMoney(exact));
    }

    [Fact]
    public void The_largest_token_count_times_a_high_price_does_not_overflow()
    {
        var price = TokenPrice.PerMillion(Money.Parse("1000"));

        Assert.Equal((Int128)long.MaxValue * 1_000_000_000_000, price.ExactCostOf(long.MaxValue));
    }

    [Fact]
    public void The_largest_representable_cost_converts_and_one_femto_more_throws()
    {
        var largest = (Int128)long.MaxValue * FemtoPerNano;

        Assert.Equal(Money.FromNanoUsd(long.MaxValue), CostRounding.ToMoney(largest));
        Assert.Equal(Money.FromNanoUsd(long.MaxValue), CostRounding.ToMoney(largest - (FemtoPerNano - 1)));
        Assert.Throws<OverflowException>(() => CostRounding.ToMoney(largest + 1));
    }

    [Fact]
    public void Prices_per_million_stay_integers()
    {
        var price = TokenPrice.PerMillion(Money.Parse("0.075"));

        Assert.Equal(75_000_000, price.NanoUsdPerMillionTokens);
        Assert.Equal(Money.Parse("0.075"), price.PerMillionTokens);
        Assert.Equal((Int128)75_000_000 * 3, price.ExactCostOf(3));
    }

    [Fact]
    public void Zero_tokens_or_a_zero_price_cost_nothing()
    {
        var price = TokenPrice.PerMillion(Money.Parse("15"));

        Assert.Equal(Int128.Zero, price.ExactCostOf(0));
        Assert.Equal(Int128.Zero, TokenPrice.Zero.ExactCostOf(1_000_000));
        Assert.Equal(Money.Zero, CostRounding.ToMoney(price.ExactCostOf(0)));
    }

    [Fact]
    public void A_negative_token_count_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenPrice.PerMillion(Money.Parse("1")).ExactCostOf(-1));

    [Fact]
    public void One_token_at_a_sub_nano_per_token_price_still_costs_one_nano_usd()
    {
        // $0.0000001 per million tokens is 100 nano-USD per million: 1e-4 nano-USD per token.
        var price = TokenPrice.PerMillion(Money.Parse("0.0000001"));

        Assert.Equal(Money.FromNanoUsd(1), CostRounding.ToMoney(price.ExactCostOf(1)));
        Assert.Equal(Money.FromNanoUsd(100), CostRounding.ToMoney(price.ExactCostOf(1_000_000)));
    }
}
