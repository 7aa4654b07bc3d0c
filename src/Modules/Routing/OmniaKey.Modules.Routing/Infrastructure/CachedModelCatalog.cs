using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Infrastructure;

/// <summary>
/// The enabled models in memory, by id and by alias: the hot path never queries the database for a model.
/// A catalogue change evicts it at once (after the change is committed) on this instance and, through the cluster
/// signal, on the others; should a signal be lost, a change is still seen within <see cref="Lifetime"/> plus one
/// background reload while the catalogue is in use, and never later than the hard bound (docs/adr/0020-stale-while-revalidate-caches.md).
/// </summary>
internal sealed class CachedModelCatalog : IModelCatalog, IModelCatalogCache, IStartupWarmup
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly RefreshingSnapshot<Snapshot> snapshot;

    public CachedModelCatalog(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CachedModelCatalog> logger, IClusterInvalidation? cluster = null) =>
        snapshot = new RefreshingSnapshot<Snapshot>(
            "model catalogue", ct => LoadAsync(scopes, ct), clock, StaleWhileRevalidateOptions.ForLifetime(Lifetime), logger, cluster);

    public async ValueTask<CatalogModel?> FindEnabledAsync(string modelId, CancellationToken cancellationToken) =>
        (await snapshot.GetAsync(cancellationToken)).ByName.GetValueOrDefault(modelId);

    public async ValueTask<IReadOnlyList<CatalogModel>> ListEnabledAsync(CancellationToken cancellationToken) =>
        (await snapshot.GetAsync(cancellationToken)).All;

    public void Invalidate() => snapshot.Invalidate();

    /// <summary>Loads the catalogue the first call would load.</summary>
    public async Task WarmAsync(CancellationToken cancellationToken) => await snapshot.GetAsync(cancellationToken);

    /// <summary>Completes when the reload in flight has finished (for tests).</summary>
    internal Task WhenLoadedAsync() => snapshot.WhenLoadedAsync();

    private static async Task<Snapshot> LoadAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var models = await scope.ServiceProvider.GetRequiredService<IModelRepository>().ListEnabledAsync(cancellationToken);
        var byName = new Dictionary<string, CatalogModel>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            byName[model.Id] = model;
        }

        // Ids win over aliases should the data ever disagree with the uniqueness the admin API enforces.
        foreach (var model in models)
        {
            foreach (var alias in model.AliasNames)
            {
                byName.TryAdd(alias, model);
            }
        }

        return new Snapshot(models, byName);
    }

    private sealed record Snapshot(IReadOnlyList<CatalogModel> All, IReadOnlyDictionary<string, CatalogModel> ByName);
}
