using OmniaKey.Domain.Money;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Catalog;

/// <summary>The embedded default catalogue (model-catalog.json) is well formed and priced by the providers' rules.</summary>
public sealed class SeedCatalogTests
{
    private static readonly IReadOnlyList<CatalogModel> Defaults = ModelCatalogSeeder.LoadDefaults();

    [Fact]
    public void The_main_models_of_each_provider_are_seeded()
    {
        string[] expected =
        [
            "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-5", "gpt-5-mini", "o4-mini",
            "claude-opus-4-1", "claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5",
            "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite",
        ];
        Assert.All(expected, id => Assert.Contains(Defaults, m => m.Id == id));
    }

    [Fact]
    public void Gpt_4o_prices_are_the_ones_existing_charges_are_computed_with()
    {
        var gpt4o = Defaults.Single(m => m.Id == "gpt-4o");
        Assert.Equal(("2.5", "10", "1.25", "0"), Prices(gpt4o));
        Assert.Equal(("0.15", "0.6", "0.075", "0"), Prices(Defaults.Single(m => m.Id == "gpt-4o-mini")));
    }

    [Fact]
    public void Anthropic_cache_writes_cost_125_percent_and_cache_reads_10_percent_of_input()
    {
        foreach (var model in Defaults.Where(m => m.Provider == ProviderNames.Anthropic))
        {
            Assert.Equal(model.InputPrice.NanoUsdPerMillionTokens * 5 / 4, model.CacheWritePrice.NanoUsdPerMillionTokens);
            Assert.Equal(model.InputPrice.NanoUsdPerMillionTokens / 10, model.CacheReadPrice.NanoUsdPerMillionTokens);
        }
    }

    [Fact]
    public void OpenAi_and_Gemini_models_charge_no_cache_writes_and_read_the_cache_cheaper_than_input()
    {
        foreach (var model in Defaults.Where(m => m.Provider != ProviderNames.Anthropic))
        {
            Assert.Equal(TokenPrice.Zero, model.CacheWritePrice);
            Assert.InRange(model.CacheReadPrice.NanoUsdPerMillionTokens, 1, model.InputPrice.NanoUsdPerMillionTokens - 1);
        }
    }

    [Fact]
    public void Every_default_is_enabled_known_and_consistent()
    {
        Assert.All(Defaults, m =>
        {
            Assert.True(m.Enabled);
            Assert.True(ProviderNames.IsKnown(m.Provider), m.Id);
            Assert.InRange(m.MaxOutputTokens, 1, m.ContextWindow);
            Assert.True(m.OutputPrice.NanoUsdPerMillionTokens > m.InputPrice.NanoUsdPerMillionTokens, m.Id);
            Assert.True(m.CreatedUnix > 1_700_000_000, m.Id);
        });
    }

    [Fact]
    public void Ids_and_aliases_are_unique_across_the_whole_catalogue()
    {
        var names = Defaults.SelectMany(m => m.AliasNames.Prepend(m.Id)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("claude-sonnet-4-5-20250929", Defaults.Single(m => m.Id == "claude-sonnet-4-5").AliasNames);
        Assert.Equal("claude-sonnet-4-5-20250929", Defaults.Single(m => m.Id == "claude-sonnet-4-5").UpstreamModel);
    }

    [Fact]
    public void Every_default_model_names_a_known_provider() =>
        Assert.All(Defaults, m => Assert.True(ProviderNames.IsKnown(m.Provider), m.Id));

    private static (string, string, string, string) Prices(CatalogModel m) => (
        m.InputPrice.PerMillionTokens.ToString(),
        m.OutputPrice.PerMillionTokens.ToString(),
        m.CacheReadPrice.PerMillionTokens.ToString(),
        m.CacheWritePrice.PerMillionTokens.ToString());
}
