namespace OmniaKey.Modules.Compliance.Domain.Territory;

/// <summary>
/// Terms §2: the Service is not offered in the mainland of the People's Republic of China. Hong Kong SAR, Macao SAR
/// and Taiwan are not part of the Restricted Territory: they have their own ISO 3166-1 codes and are allowed
/// explicitly, so no rule and no signal may ever treat them as <c>CN</c>.
/// </summary>
internal static class RestrictedTerritory
{
    public const string MainlandChina = "CN";

    /// <summary>Named only to be guarded: these are never restricted, whatever else changes.</summary>
    public static readonly IReadOnlyList<string> ExplicitlyAllowed = ["HK", "MO", "TW"];

    public static bool Contains(string? country) =>
        country is not null
        && string.Equals(country, MainlandChina, StringComparison.OrdinalIgnoreCase)
        && !ExplicitlyAllowed.Contains(country.ToUpperInvariant());
}
