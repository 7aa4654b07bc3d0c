using System.Globalization;

namespace OmniaKey.Domain.Money;

/// <summary>
/// An exact amount of US dollars held as a whole number of nano-dollars (1 unit = 0.000000001 USD).
/// No binary floating point ever touches money: amounts enter and leave as decimal strings
/// (see <see cref="Parse"/> / <see cref="ToString()"/>) and arithmetic is checked integer arithmetic.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    public const int FractionDigits = 9;
    public const long UnitsPerUsd = 1_000_000_000;

    public Money(long nanoUsd) => NanoUsd = nanoUsd;

    public static Money Zero => default;

    /// <summary>The amount in nano-USD.</summary>
    public long NanoUsd { get; }

    public bool IsNegative => NanoUsd < 0;

    public bool IsPositive => NanoUsd > 0;

    public static Money FromNanoUsd(long nanoUsd) => new(nanoUsd);

    public static Money FromCents(long cents) => new(checked(cents * 10_000_000));

    public static Money operator +(Money left, Money right) => new(checked(left.NanoUsd + right.NanoUsd));

    public static Money operator -(Money left, Money right) => new(checked(left.NanoUsd - right.NanoUsd));

    public static Money operator -(Money value) => new(checked(-value.NanoUsd));

    public static bool operator <(Money left, Money right) => left.NanoUsd < right.NanoUsd;

    public static bool operator >(Money left, Money right) => left.NanoUsd > right.NanoUsd;

    public static bool operator <=(Money left, Money right) => left.NanoUsd <= right.NanoUsd;

    public static bool operator >=(Money left, Money right) => left.NanoUsd >= right.NanoUsd;

    public static Money Min(Money left, Money right) => left <= right ? left : right;

    public static Money Max(Money left, Money right) => left >= right ? left : right;

    /// <summary>Whole cents, rounded toward zero (Stripe moves whole cents; the remainder stays in the balance).</summary>
    public long WholeCentsRoundedDown => NanoUsd / 10_000_000;

    /// <summary>The exact amount as a <see cref="decimal"/> (for JSON numbers such as OpenAI's <c>usage.cost</c>).</summary>
    public decimal ToDecimal() => NanoUsd / (decimal)UnitsPerUsd;

    public int CompareTo(Money other) => NanoUsd.CompareTo(other.NanoUsd);

    /// <summary>Parses a plain decimal string such as <c>12.5</c> or <c>-0.000000001</c> exactly.</summary>
    public static Money Parse(string text) =>
        TryParse(text, out var money, out var error) ? money : throw new FormatException(error);

    /// <summary>
    /// Accepts an optional leading minus, digits, and at most <see cref="FractionDigits"/> fractional digits.
    /// Exponents, thousands separators, whitespace and a leading plus are refused so that what a client sends
    /// is exactly what is stored.
    /// </summary>
    public static bool TryParse(string? text, out Money money, out string error)
    {
        money = Zero;
        error = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            error = "must be a decimal string such as \"12.5\"";
            return false;
        }

        var span = text.AsSpan();
        var negative = span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        var dot = span.IndexOf('.');
        var whole = dot < 0 ? span : span[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : span[(dot + 1)..];
        if (whole.IsEmpty || !IsDigits(whole) || (dot >= 0 && (fraction.IsEmpty || !IsDigits(fraction))))
        {
            error = "must be a decimal string such as \"12.5\"";
            return false;
        }

        if (fraction.Length > FractionDigits)
        {
            error = "must have at most 9 decimal places";
            return false;
        }

        if (!long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var dollars)
            || dollars > long.MaxValue / UnitsPerUsd)
        {
            error = "is too large";
            return false;
        }

        long nanos = 0;
        if (!fraction.IsEmpty)
        {
            nanos = long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
            for (var i = fraction.Length; i < FractionDigits; i++)
            {
                nanos *= 10;
            }
        }

        if (nanos > long.MaxValue - (dollars * UnitsPerUsd))
        {
            error = "is too large";
            return false;
        }

        var total = (dollars * UnitsPerUsd) + nanos;
        money = new Money(negative ? -total : total);
        return true;
    }

    /// <summary>The shortest exact decimal string: <c>12.5</c>, <c>0</c>, <c>-0.000000001</c>.</summary>
    public override string ToString()
    {
        var magnitude = NanoUsd == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(NanoUsd);
        var dollars = magnitude / UnitsPerUsd;
        var nanos = magnitude % UnitsPerUsd;
        var sign = NanoUsd < 0 ? "-" : string.Empty;
        if (nanos == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{dollars}");
        }

        var fraction = nanos.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{dollars}.{fraction}");
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
