using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Infrastructure;

/// <summary>
/// Quotes a model's price now, promotions applied (docs/adr/0007-promotion-pricing.md). The running and scheduled
/// promotions are held in memory because every call is quoted: a promotion change on this instance evicts them at
/// once, and another instance's change is seen within <see cref="Lifetime"/> plus one background reload while
/// quotes are being made, never later than the hard bound (docs/adr/0020-stale-while-revalidate-caches.md). Start and end times are checked
/// against the clock on every quote, so a promotion begins and ends on time whatever the cache's age.
/// </summary>
internal sealed class PromotionPriceBook : IPriceBook, IPromotionCache, IStartupWarmup
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private readonly RefreshingSnapshot<IReadOnlyList<Promotion>> promotions;
    private readonly TimeProvider clock;

    public PromotionPriceBook(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PromotionPriceBook> logger, IClusterInvalidation? cluster = null)
    {
        this.clock = clock;
        promotions = new RefreshingSnapshot<IReadOnlyList<Promotion>>(
            "promotions", ct => LoadAsync(scopes, clock, ct), clock, StaleWhileRevalidateOptions.ForLifetime(Lifetime), logger, cluster);
    }

    public async ValueTask<PriceQuote> QuoteAsync(CatalogModel model, CancellationToken cancellationToken)
    {
        var candidates = await promotions.GetAsync(cancellationToken);
        return PromotionalPricing.Quote(model, candidates, clock.GetUtcNow());
    }

    public void Invalidate() => promotions.Invalidate();

    /// <summary>Loads the promotions the first quote would load.</summary>
    public async Task WarmAsync(CancellationToken cancellationToken) => await promotions.GetAsync(cancellationToken);

    /// <summary>Completes when the reload in flight has finished (for tests).</summary>
    internal Task WhenLoadedAsync() => promotions.WhenLoadedAsync();

    private static async Task<IReadOnlyList<Promotion>> LoadAsync(IServiceScopeFactory scopes, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPromotionRepository>().ListNotEndedAsync(clock.GetUtcNow(), cancellationToken);
    }
}
