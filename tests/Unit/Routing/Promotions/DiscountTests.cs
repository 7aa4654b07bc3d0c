using OmniaKey.Domain.Money;
using OmniaKey.Modules.Routing.Domain.Pricing;
using Xunit;
using static OmniaKey.UnitTests.Routing.Promotions.PromotionTestData;

namespace OmniaKey.UnitTests.Routing.Promotions;

/// <summary>
/// A discounted price per million tokens is floor(list × (10,000 − basis points) / 10,000) nano-USD: exact integer
/// arithmetic, rounded down so the customer never pays more than the advertised discount.
/// </summary>
public sealed class DiscountTests
{
    [Theory]
    [InlineData("2.5", 9500, "0.125")] // GPT 95 % off
    [InlineData("10", 9500, "0.5")]
    [InlineData("3", 7000, "0.9")] // Claude 70 % off
    [InlineData("15", 7000, "4.5")]
    [InlineData("0.075", 5000, "0.0375")]
    [InlineData("0.15", 1, "0.149985")] // 0.01 % off
    [InlineData("1.25", 10000, "0")] // free
    [InlineData("0", 9500, "0")]
    public void Discounts_are_exact_when_the_result_is_a_whole_nano_usd(string list, int basisPoints, string expected) =>
        Assert.Equal(Price(expected), new Discount(basisPoints).ApplyTo(Price(list)));

    [Theory]
    [InlineData(7L, 5000, 3L)] // 3.5 → 3
    [InlineData(1L, 9999, 0L)] // 0.0001 → 0
    [InlineData(999_999_999L, 3333, 666_699_999L)] // 666,699,999.3333 → 666,699,999
    [InlineData(150_000_001L, 9500, 7_500_000L)] // 7,500,000.05 → 7,500,000
    public void Fractions_of_a_nano_usd_are_rounded_down(long listNanoUsd, int basisPoints, long expectedNanoUsd) =>
        Assert.Equal(new TokenPrice(expectedNanoUsd), new Discount(basisPoints).ApplyTo(new TokenPrice(listNanoUsd)));

    [Fact]
    public void A_discount_never_raises_a_price_and_never_goes_below_zero()
    {
        foreach (var basisPoints in new[] { 1, 2, 333, 5000, 6667, 9999, 10000 })
        {
            foreach (var list in new long[] { 0, 1, 2, 3, 7, 75_000_000, 1_250_000_000, 123_456_789_012 })
            {
                var discounted = new Discount(basisPoints).ApplyTo(new TokenPrice(list)).NanoUsdPerMillionTokens;
                Assert.InRange(discounted, 0, list);

                // Exactly the largest whole nano-USD not above the exact discounted price.
                var exactTimes10000 = (decimal)list * (10_000 - basisPoints);
                Assert.True(discounted * 10_000m <= exactTimes10000 && (discounted + 1) * 10_000m > exactTimes10000);
            }
        }
    }

    [Fact]
    public void Prices_near_the_largest_long_do_not_overflow() =>
        Assert.Equal(
            new TokenPrice((long)decimal.Floor(long.MaxValue * 9_999m / 10_000m)),
            new Discount(1).ApplyTo(new TokenPrice(long.MaxValue)));

    [Fact]
    public void All_four_prices_of_a_model_are_discounted()
    {
        var list = new ModelPrices(Price("2.5"), Price("10"), Price("1.25"), Price("3.75"));
        var discounted = new Discount(9500).ApplyTo(list);
        Assert.Equal(new ModelPrices(Price("0.125"), Price("0.5"), Price("0.0625"), Price("0.1875")), discounted);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10001)]
    public void Discounts_outside_1_to_10000_basis_points_are_refused(int basisPoints) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Discount(basisPoints));

    [Fact]
    public void A_charge_at_the_discounted_price_is_the_list_charge_times_the_multiplier_rounded_once()
    {
        // 1,000 input tokens at $2.50 list, 95 % off: $0.000125 exactly.
        var price = new Discount(9500).ApplyTo(Price("2.5"));
        Assert.Equal(Money.Parse("0.000125"), CostRounding.ToMoney(price.ExactCostOf(1_000)));
    }
}
