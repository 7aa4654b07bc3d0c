using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence;

internal sealed class ModelRepository(RoutingDbContext db) : IModelRepository
{
    public void Add(CatalogModel model) => db.Models.Add(model);

    public Task<CatalogModel?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Models.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    public Task<CatalogModel?> ReadAsync(string id, CancellationToken cancellationToken) =>
        db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    public async Task<IReadOnlyList<CatalogModel>> ListAsync(CancellationToken cancellationToken) =>
        await db.Models.AsNoTracking().OrderBy(m => m.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<CatalogModel>> ListEnabledAsync(CancellationToken cancellationToken) =>
        await db.Models.AsNoTracking().Where(m => m.Enabled).OrderBy(m => m.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> FindHoldersAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var holders = await db.Models.AsNoTracking()
            .Where(m => names.Contains(m.Id) || m.Aliases.Any(a => names.Contains(a.Name)))
            .ToListAsync(cancellationToken);
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in holders)
        {
            foreach (var name in model.AliasNames.Prepend(model.Id).Where(names.Contains))
            {
                held.TryAdd(name, model.Id);
            }
        }

        return held;
    }
}
