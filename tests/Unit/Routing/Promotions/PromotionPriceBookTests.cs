using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Modules.Routing.Domain.Promotions;
using OmniaKey.Modules.Routing.Infrastructure;
using Xunit;
using static OmniaKey.UnitTests.Routing.Promotions.PromotionTestData;

namespace OmniaKey.UnitTests.Routing.Promotions;

/// <summary>The hot-path price book: promotions from memory, windows checked against the clock on every quote.</summary>
public sealed class PromotionPriceBookTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(Dec1.AddHours(-1));
    private readonly FakePromotionRepository repository = new();
    private readonly ServiceProvider services;
    private readonly PromotionPriceBook book;

    public PromotionPriceBookTests()
    {
        services = new ServiceCollection().AddScoped<IPromotionRepository>(_ => repository).BuildServiceProvider();
        book = new PromotionPriceBook(services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<PromotionPriceBook>.Instance);
    }

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task A_cached_promotion_starts_and_ends_on_time_to_the_tick()
    {
        repository.Add(Promotion(9500, pattern: "gpt-*", starts: Dec1, ends: Dec1.AddHours(1)));
        var model = Model("gpt-4o", "openai");

        Assert.False((await book.QuoteAsync(model, default)).IsDiscounted);
        clock.SetUtcNow(Dec1.AddTicks(-1));
        Assert.False((await book.QuoteAsync(model, default)).IsDiscounted);
        clock.SetUtcNow(Dec1);
        Assert.Equal(Price("0.125"), (await book.QuoteAsync(model, default)).Prices.Input);
        clock.SetUtcNow(Dec1.AddHours(1).AddTicks(-1));
        Assert.True((await book.QuoteAsync(model, default)).IsDiscounted);
        clock.SetUtcNow(Dec1.AddHours(1));
        Assert.False((await book.QuoteAsync(model, default)).IsDiscounted);
    }

    [Fact]
    public async Task Promotions_are_read_once_then_served_from_memory_and_reloaded_in_the_background_after_the_lifetime()
    {
        var model = Model("gpt-4o", "openai");
        for (var i = 0; i < 5; i++)
        {
            await book.QuoteAsync(model, default);
        }

        Assert.Equal(1, repository.Loads);
        clock.Advance(TimeSpan.FromSeconds(9));
        await book.QuoteAsync(model, default);
        Assert.Equal(1, repository.Loads);
        clock.Advance(TimeSpan.FromSeconds(1));
        await book.QuoteAsync(model, default);
        await book.WhenLoadedAsync();
        Assert.Equal(2, repository.Loads);
    }

    [Fact]
    public async Task A_change_is_seen_at_once_after_invalidation_and_not_before()
    {
        clock.SetUtcNow(Dec1.AddHours(1));
        var model = Model("gpt-4o", "openai");
        Assert.False((await book.QuoteAsync(model, default)).IsDiscounted);

        repository.Add(Promotion(9500, provider: "openai"));
        Assert.False((await book.QuoteAsync(model, default)).IsDiscounted); // another instance's view until the lifetime passes
        book.Invalidate();
        Assert.True((await book.QuoteAsync(model, default)).IsDiscounted);
    }

    [Fact]
    public async Task Concurrent_quotes_on_an_empty_cache_share_one_load()
    {
        var model = Model("gpt-4o", "openai");
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => book.QuoteAsync(model, default).AsTask()));
        Assert.Equal(1, repository.Loads);
    }
}
