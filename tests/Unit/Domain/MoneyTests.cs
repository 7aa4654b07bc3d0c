using System.Globalization;
using OmniaKey.Domain.Money;
using Xunit;

namespace OmniaKey.UnitTests.Domain;

public sealed class MoneyTests
{
    private const long MaxWholeDollars = long.MaxValue / Money.UnitsPerUsd;

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("12.5", 12_500_000_000L)]
    [InlineData("12.50", 12_500_000_000L)]
    [InlineData("1", 1_000_000_000L)]
    [InlineData("007", 7_000_000_000L)]
    [InlineData("0.000000001", 1L)]
    [InlineData("-0.000000001", -1L)]
    [InlineData("0.1", 100_000_000L)]
    [InlineData("-12.345678901", -12_345_678_901L)]
    [InlineData("123456789.123456789", 123_456_789_123_456_789L)]
    [InlineData("-0", 0L)]
    [InlineData("9223372036.854775807", long.MaxValue)]
    [InlineData("-9223372036.854775807", -long.MaxValue)]
    public void Parse_reads_plain_decimal_strings_exactly(string text, long expectedNanoUsd)
    {
        Assert.Equal(expectedNanoUsd, Money.Parse(text).NanoUsd);
        Assert.True(Money.TryParse(text, out var money, out var error));
        Assert.Equal(expectedNanoUsd, money.NanoUsd);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData("0.0000000001")]
    [InlineData("1.1234567890")]
    [InlineData("-0.0000000001")]
    public void More_than_nine_decimal_places_are_refused_even_when_the_extra_digits_are_zero(string text)
    {
        Assert.False(Money.TryParse(text, out var money, out var error));
        Assert.Equal("must have at most 9 decimal places", error);
        Assert.Equal(Money.Zero, money);
        Assert.Equal(error, Assert.Throws<FormatException>(() => Money.Parse(text)).Message);
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("1.5e-3")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1 000")]
    [InlineData("\t1")]
    [InlineData("+1")]
    [InlineData("+0.5")]
    [InlineData("1,000")]
    [InlineData("1,5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("-.5")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("\u0661")]
    [InlineData("\uFF11")]
    public void Exponents_whitespace_plus_signs_separators_and_other_shapes_are_refused(string text)
    {
        Assert.False(Money.TryParse(text, out var money, out var error));
        Assert.Equal("must be a decimal string such as \"12.5\"", error);
        Assert.Equal(Money.Zero, money);
        Assert.Throws<FormatException>(() => Money.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Null_or_empty_is_refused(string? text)
    {
        Assert.False(Money.TryParse(text, out _, out var error));
        Assert.Equal("must be a decimal string such as \"12.5\"", error);
    }

    [Fact]
    public void Parse_of_an_empty_string_throws_FormatException() =>
        Assert.Throws<FormatException>(() => Money.Parse(string.Empty));

    [Fact]
    public void Negative_amounts_parse_as_negative() =>
        Assert.True(Money.Parse("-5").IsNegative);

    [Theory]
    [InlineData("9223372037")]
    [InlineData("9223372037.0")]
    [InlineData("-9223372037")]
    [InlineData("99999999999999999999")]
    [InlineData("100000000000000000000000000000.5")]
    public void Whole_dollars_beyond_the_long_range_are_too_large(string text)
    {
        Assert.False(Money.TryParse(text, out _, out var error));
        Assert.Equal("is too large", error);
    }

    [Theory]
    [InlineData("9223372036.854775808")]
    [InlineData("9223372036.999999999")]
    [InlineData("-9223372036.854775809")]
    [InlineData("-9223372036.999999999")]
    public void Amounts_just_past_the_largest_representable_are_refused_not_wrapped(string text)
    {
        Assert.False(Money.TryParse(text, out var money, out var error), $"parsed as {money.NanoUsd} nano-USD");
        Assert.Equal("is too large", error);
    }

    [Fact]
    public void The_largest_whole_dollar_amount_parses() =>
        Assert.Equal(MaxWholeDollars * Money.UnitsPerUsd, Money.Parse(MaxWholeDollars.ToString(CultureInfo.InvariantCulture)).NanoUsd);

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "0.000000001")]
    [InlineData(-1L, "-0.000000001")]
    [InlineData(12_500_000_000L, "12.5")]
    [InlineData(1_000_000_000L, "1")]
    [InlineData(100_000_000_000L, "100")]
    [InlineData(1_100_000_000L, "1.1")]
    [InlineData(1_000_000_001L, "1.000000001")]
    [InlineData(-12_345_678_901L, "-12.345678901")]
    [InlineData(10_000_000L, "0.01")]
    [InlineData(long.MaxValue, "9223372036.854775807")]
    [InlineData(long.MinValue, "-9223372036.854775808")]
    public void ToString_is_the_shortest_exact_decimal(long nanoUsd, string expected) =>
        Assert.Equal(expected, Money.FromNanoUsd(nanoUsd).ToString());

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(999_999_999L)]
    [InlineData(1_000_000_000L)]
    [InlineData(12_500_000_000L)]
    [InlineData(-98_765_432_109L)]
    [InlineData(long.MaxValue)]
    [InlineData(-long.MaxValue)]
    public void Formatting_then_parsing_gives_back_the_same_amount(long nanoUsd)
    {
        var money = Money.FromNanoUsd(nanoUsd);

        Assert.Equal(money, Money.Parse(money.ToString()));
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("0")]
    [InlineData("-0.000000001")]
    [InlineData("123456789.123456789")]
    [InlineData("0.1")]
    public void Parsing_then_formatting_a_canonical_string_gives_it_back(string text) =>
        Assert.Equal(text, Money.Parse(text).ToString());

    [Theory]
    [InlineData("12.50", "12.5")]
    [InlineData("007", "7")]
    [InlineData("-0", "0")]
    [InlineData("1.000000000", "1")]
    public void Formatting_normalises_trailing_zeros_leading_zeros_and_negative_zero(string text, string expected) =>
        Assert.Equal(expected, Money.Parse(text).ToString());

    [Fact]
    public void Formatting_ignores_the_current_culture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            Assert.Equal("-1234.5", Money.FromNanoUsd(-1_234_500_000_000).ToString());
            Assert.Equal(1_234_500_000_000, Money.Parse("1234.5").NanoUsd);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Addition_and_subtraction_are_exact()
    {
        var a = Money.Parse("0.1");
        var b = Money.Parse("0.2");

        Assert.Equal(Money.Parse("0.3"), a + b);
        Assert.Equal(Money.Parse("-0.1"), a - b);
        Assert.Equal(Money.Parse("-0.1"), -a);
    }

    [Fact]
    public void Addition_past_the_largest_amount_throws() =>
        Assert.Throws<OverflowException>(() => Money.FromNanoUsd(long.MaxValue) + Money.FromNanoUsd(1));

    [Fact]
    public void Subtraction_past_the_smallest_amount_throws() =>
        Assert.Throws<OverflowException>(() => Money.FromNanoUsd(long.MinValue) - Money.FromNanoUsd(1));

    [Fact]
    public void Negating_the_smallest_amount_throws() =>
        Assert.Throws<OverflowException>(() => -Money.FromNanoUsd(long.MinValue));

    [Fact]
    public void FromCents_converts_exactly_and_throws_on_overflow()
    {
        Assert.Equal(Money.Parse("12.34"), Money.FromCents(1234));
        Assert.Equal(Money.Parse("-0.01"), Money.FromCents(-1));
        Assert.Throws<OverflowException>(() => Money.FromCents(long.MaxValue));
        Assert.Throws<OverflowException>(() => Money.FromCents((long.MaxValue / 10_000_000) + 1));
    }

    [Theory]
    [InlineData("12.349999999", 1234L)]
    [InlineData("12.34", 1234L)]
    [InlineData("0.009999999", 0L)]
    [InlineData("0.01", 1L)]
    [InlineData("0", 0L)]
    [InlineData("0.000000001", 0L)]
    [InlineData("-0.015", -1L)]
    [InlineData("-0.009999999", 0L)]
    public void Whole_cents_round_toward_zero(string amount, long expectedCents) =>
        Assert.Equal(expectedCents, Money.Parse(amount).WholeCentsRoundedDown);

    [Fact]
    public void Refunding_whole_cents_leaves_the_sub_cent_remainder()
    {
        var balance = Money.Parse("10.123456789");
        var refund = Money.FromCents(balance.WholeCentsRoundedDown);

        Assert.Equal(Money.Parse("10.12"), refund);
        Assert.Equal(Money.Parse("0.003456789"), balance - refund);
    }

    [Fact]
    public void Comparisons_follow_the_amounts()
    {
        var small = Money.Parse("0.000000001");
        var large = Money.Parse("1");

        Assert.True(small < large);
        Assert.True(large > small);
        Assert.True(small <= Money.FromNanoUsd(1));
        Assert.True(large >= Money.Parse("1.000000000"));
        Assert.False(small > large);
        Assert.Equal(small, Money.Min(small, large));
        Assert.Equal(large, Money.Max(small, large));
        Assert.True(small.CompareTo(large) < 0);
        Assert.Equal(0, large.CompareTo(Money.Parse("1.0")));
        Assert.Equal(
            [Money.Parse("-1"), Money.Zero, small, large],
            new[] { large, Money.Zero, Money.Parse("-1"), small }.Order());
    }

    [Fact]
    public void Sign_properties_and_zero()
    {
        Assert.Equal(0, Money.Zero.NanoUsd);
        Assert.Equal(default, Money.Zero);
        Assert.False(Money.Zero.IsNegative);
        Assert.False(Money.Zero.IsPositive);
        Assert.True(Money.FromNanoUsd(1).IsPositive);
        Assert.True(Money.FromNanoUsd(-1).IsNegative);
    }

    [Fact]
    public void Equal_amounts_are_equal_values()
    {
        Assert.Equal(Money.Parse("12.5"), Money.Parse("12.500000000"));
        Assert.Equal(Money.Parse("12.5").GetHashCode(), Money.FromNanoUsd(12_500_000_000).GetHashCode());
        Assert.NotEqual(Money.Parse("12.5"), Money.Parse("12.500000001"));
    }
}
