using System.Collections.Concurrent;
using System.Globalization;

namespace OmniaKey.Modules.Accounts.Pages;

/// <summary>
/// The sign-up form's countries and regions: every ISO 3166-1 alpha-2 code .NET knows, named in the reader's language
/// (the region's name as the UI culture writes it, e.g. 德国 for DE in zh-Hans), sorted as that language sorts; the
/// code is the value sent, as the API's <c>country</c>. Built once per language.
/// </summary>
internal static class Countries
{
    private static readonly Lazy<IReadOnlyList<string>> Codes = new(() =>
    [
        .. CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => CodeOf(c.Name))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal),
    ]);

    private static readonly ConcurrentDictionary<string, IReadOnlyList<Country>> ByLanguage = new(StringComparer.Ordinal);

    public static IReadOnlyList<Country> For(CultureInfo language) =>
        ByLanguage.GetOrAdd(language.Name, _ => Build(language));

    private static List<Country> Build(CultureInfo language)
    {
        var comparer = StringComparer.Create(language, CompareOptions.IgnoreCase);
        return [.. Codes.Value.Select(code => new Country(code, NameIn(language, code))).OrderBy(c => c.Name, comparer)];
    }

    private static string NameIn(CultureInfo language, string code)
    {
        try
        {
            // A culture of the reader's language in that region names the region in the reader's language.
            return new RegionInfo(CultureInfo.GetCultureInfo(language.Name + "-" + code).Name).NativeName;
        }
        catch (CultureNotFoundException)
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    private static string? CodeOf(string cultureName)
    {
        try
        {
            var code = new RegionInfo(cultureName).TwoLetterISORegionName;
            return code.Length == 2 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) ? code : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

internal sealed record Country(string Code, string Name);
