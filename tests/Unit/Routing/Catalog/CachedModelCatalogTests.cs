using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Infrastructure;
using Xunit;
using static OmniaKey.UnitTests.Routing.Promotions.PromotionTestData;

namespace OmniaKey.UnitTests.Routing.Catalog;

public sealed class CachedModelCatalogTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(Dec1);
    private readonly FakeModelRepository repository = new();
    private readonly ServiceProvider services;
    private readonly CachedModelCatalog catalog;

    public CachedModelCatalogTests()
    {
        services = new ServiceCollection().AddScoped<IModelRepository>(_ => repository).BuildServiceProvider();
        catalog = new CachedModelCatalog(services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<CachedModelCatalog>.Instance);
    }

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task An_alias_resolves_to_its_model_and_disabled_models_resolve_to_nothing()
    {
        var sonnet = Model("claude-sonnet-4-5", "anthropic");
        sonnet.ReplaceAliases(["claude-sonnet-4-5-20250929", "sonnet"]);
        var old = Model("claude-3-opus", "anthropic");
        old.ReplaceAliases(["opus"]);
        old.Disable();
        repository.Models.AddRange([sonnet, old]);

        Assert.Same(sonnet, await catalog.FindEnabledAsync("sonnet", default));
        Assert.Same(sonnet, await catalog.FindEnabledAsync("claude-sonnet-4-5-20250929", default));
        Assert.Same(sonnet, await catalog.FindEnabledAsync("claude-sonnet-4-5", default));
        Assert.Null(await catalog.FindEnabledAsync("opus", default));
        Assert.Null(await catalog.FindEnabledAsync("claude-3-opus", default));
        Assert.Null(await catalog.FindEnabledAsync("Sonnet", default));
        Assert.Equal(["claude-sonnet-4-5"], (await catalog.ListEnabledAsync(default)).Select(m => m.Id));
    }

    [Fact]
    public async Task Invalidation_makes_the_next_read_load_again_and_past_the_lifetime_a_background_reload_catches_up()
    {
        repository.Models.Add(Model("gpt-4o", "openai"));
        Assert.NotNull(await catalog.FindEnabledAsync("gpt-4o", default));
        repository.Models.Add(Model("gpt-5", "openai"));

        Assert.Null(await catalog.FindEnabledAsync("gpt-5", default));
        catalog.Invalidate();
        Assert.NotNull(await catalog.FindEnabledAsync("gpt-5", default));
        Assert.Equal(2, repository.Loads);

        repository.Models.Add(Model("o3", "openai"));
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await catalog.FindEnabledAsync("o3", default));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await catalog.FindEnabledAsync("o3", default)); // stale, served at once; a reload starts
        await catalog.WhenLoadedAsync();
        Assert.NotNull(await catalog.FindEnabledAsync("o3", default));
        Assert.Equal(3, repository.Loads);
    }

    [Fact]
    public async Task A_catalogue_past_the_hard_bound_is_reloaded_before_it_is_served()
    {
        repository.Models.Add(Model("gpt-4o", "openai"));
        Assert.NotNull(await catalog.FindEnabledAsync("gpt-4o", default));
        repository.Models.Add(Model("o3", "openai"));

        clock.Advance(TimeSpan.FromSeconds(90)); // three lifetimes without a read, so without a refresh
        Assert.NotNull(await catalog.FindEnabledAsync("o3", default));
        Assert.Equal(2, repository.Loads);
    }
}
