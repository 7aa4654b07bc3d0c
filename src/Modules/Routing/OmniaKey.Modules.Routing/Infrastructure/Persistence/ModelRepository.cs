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
        var ids = await db.Models.AsNoTracking()
            .Where(m => names.Contains(m.Id))
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        var aliases = await db.Models.AsNoTracking()
            .SelectMany(m => m.Aliases.Select(a => new { a.Name, ModelId = m.Id }))
            .Where(a => names.Contains(a.Name))
            .ToListAsync(cancellationToken);
        var holders = ids.ToDictionary(id => id, id => id, StringComparer.Ordinal);
        foreach (var alias in aliases)
        {
            holders.TryAdd(alias.Name, alias.ModelId);
        }

        return holders;
    }
}
