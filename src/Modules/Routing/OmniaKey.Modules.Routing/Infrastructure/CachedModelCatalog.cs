using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Routing.Infrastructure;

/// <summary>
/// The whole catalogue in memory, reloaded after a short lifetime: the hot path never queries the database for a
/// model, and catalogue edits reach every instance within <see cref="Lifetime"/>.
/// </summary>
internal sealed class CachedModelCatalog(IServiceScopeFactory scopes, TimeProvider clock) : IModelCatalog
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private volatile Snapshot? snapshot;

    public async ValueTask<CatalogModel?> FindEnabledAsync(string modelId, CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).ById.GetValueOrDefault(modelId);

    public async ValueTask<IReadOnlyList<CatalogModel>> ListEnabledAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).All;

    public void Invalidate() => snapshot = null;

    private async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = snapshot;
        if (current is not null && current.LoadedAt + Lifetime > clock.GetUtcNow())
        {
            return current;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var models = await db.Models.AsNoTracking().Where(m => m.Enabled).ToListAsync(cancellationToken);
        current = new Snapshot(
            models.OrderBy(m => m.Id, StringComparer.Ordinal).ToList(),
            models.ToDictionary(m => m.Id, StringComparer.Ordinal),
            clock.GetUtcNow());
        snapshot = current;
        return current;
    }

    private sealed record Snapshot(IReadOnlyList<CatalogModel> All, IReadOnlyDictionary<string, CatalogModel> ById, DateTimeOffset LoadedAt);
}
