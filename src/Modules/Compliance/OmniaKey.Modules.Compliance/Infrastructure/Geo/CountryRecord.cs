using MaxMind.Db;

namespace OmniaKey.Modules.Compliance.Infrastructure.Geo;

/// <summary>
/// The part of a MaxMind-format record that says where an address is. Two layouts are read: GeoLite2/GeoIP2 Country
/// (<c>country.iso_code</c>, falling back to <c>registered_country.iso_code</c> for ranges with no located country)
/// and the flat one of the ip-location-db databases (<c>country_code</c>). Every other key (names in eight languages,
/// continent, EU flag) is skipped by the decoder without being built.
/// </summary>
internal sealed class CountryRecord
{
    [Constructor]
    public CountryRecord(
        [MapKey("country")] CountryRecordName? country,
        [MapKey("registered_country")] CountryRecordName? registeredCountry,
        [MapKey("country_code")] string? countryCode)
    {
        Code = CountryCode.Normalize(country?.IsoCode)
            ?? CountryCode.Normalize(countryCode)
            ?? CountryCode.Normalize(registeredCountry?.IsoCode);
    }

    /// <summary>Upper-case ISO 3166-1 alpha-2, or null when the record names no usable country.</summary>
    public string? Code { get; }
}

/// <summary>GeoLite2's <c>country</c> / <c>registered_country</c> map; only <c>iso_code</c> matters here.</summary>
internal sealed class CountryRecordName
{
    [Constructor]
    public CountryRecordName([MapKey("iso_code")] string? isoCode) => IsoCode = isoCode;

    public string? IsoCode { get; }
}

internal static class CountryCode
{
    /// <summary>Two ASCII letters, upper-cased; anything else (empty, "EU"-style three letters, digits) is no country.</summary>
    public static string? Normalize(string? code)
    {
        if (code is not { Length: 2 } || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1]))
        {
            return null;
        }

        return char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) ? code : code.ToUpperInvariant();
    }
}
