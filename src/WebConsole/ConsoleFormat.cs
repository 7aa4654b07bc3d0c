using System.Globalization;

namespace OmniaKey.WebConsole;

/// <summary>
/// Money, numbers and dates as the reader's language writes them. Money is always US dollars (the balance's only
/// currency), held as integer nano-USD and shown exactly: cents for balances, more digits only when a small amount
/// would otherwise read as zero.
/// </summary>
public static class ConsoleFormat
{
    private const decimal NanoPerUsd = 1_000_000_000m;

    /// <summary>
    /// e.g. <c>$12.50</c> in English, <c>US$12.50</c> in Chinese (where "$" alone is ambiguous); exact, so a call that
    /// cost $0.000125 does not read as $0.00.
    /// </summary>
    public static string Usd(long nanoUsd) => Usd(nanoUsd / NanoPerUsd);

    /// <summary>A decimal USD string as the API writes it (e.g. list prices "3.00") in the reader's format.</summary>
    public static string Usd(string decimalUsd) =>
        decimal.TryParse(decimalUsd, NumberStyles.Number, CultureInfo.InvariantCulture, out var usd) ? Usd(usd) : decimalUsd;

    private static string Usd(decimal usd)
    {
        var decimals = 2;
        while (decimals < 9 && decimal.Round(usd, decimals) != usd)
        {
            decimals++;
        }

        return usd.ToString("C" + decimals.ToString(CultureInfo.InvariantCulture), UsdFormat());
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A moment in UTC, as the reader's culture writes dates and times.</summary>
    public static string DateTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>For <c>datetime</c> attributes and form values: ISO 8601, culture-free.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static NumberFormatInfo UsdFormat()
    {
        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "$" : "US$";
        format.CurrencyNegativePattern = 1; // -$n: never the accounting parentheses some cultures use
        return format;
    }
}
