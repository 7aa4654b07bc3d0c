using System.Globalization;
using OmniaKey.Modules.Accounts.Pages;
using Xunit;

namespace OmniaKey.UnitTests.Accounts;

/// <summary>The sign-up form's countries: ISO codes as values, names in the reader's language.</summary>
public sealed class ConsoleCountriesTests
{
    [Theory]
    [InlineData("en", "DE", "Germany")]
    [InlineData("zh-Hans", "DE", "德国")]
    [InlineData("zh-Hant", "DE", "德國")]
    [InlineData("zh-Hans", "US", "美国")]
    public void Names_each_region_in_the_readers_language(string language, string code, string name) =>
        Assert.Equal(name, Assert.Single(Countries.For(CultureInfo.GetCultureInfo(language)), c => c.Code == code).Name);

    [Fact]
    public void Offers_every_region_once_by_its_two_letter_code_including_the_restricted_one()
    {
        var countries = Countries.For(CultureInfo.GetCultureInfo("en"));

        Assert.All(countries, c => Assert.Matches("^[A-Z]{2}$", c.Code));
        Assert.Equal(countries.Count, countries.Select(c => c.Code).Distinct().Count());
        // Declaring CN must be possible, so the Restricted Territory decision refuses it in words.
        Assert.Contains(countries, c => c.Code == "CN");
        Assert.Contains(countries, c => c.Code == "TW");
        Assert.True(countries.Count > 200, $"only {countries.Count} regions");
    }
}
