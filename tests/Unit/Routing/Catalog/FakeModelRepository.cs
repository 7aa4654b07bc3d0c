using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.UnitTests.Routing.Catalog;

/// <summary>Models in a list; counts how often the catalogue cache loads them.</summary>
internal sealed class FakeModelRepository : IModelRepository
{
    public List<CatalogModel> Models { get; } = [];

    public int Loads { get; private set; }

    public void Add(CatalogModel model) => Models.Add(model);

    public Task<CatalogModel?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Models.FirstOrDefault(m => m.Id == id));

    public Task<CatalogModel?> ReadAsync(string id, CancellationToken cancellationToken) => FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<CatalogModel>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CatalogModel>>([.. Models.OrderBy(m => m.Id, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<CatalogModel>> ListEnabledAsync(CancellationToken cancellationToken)
    {
        Loads++;
        return Task.FromResult<IReadOnlyList<CatalogModel>>([.. Models.Where(m => m.Enabled).OrderBy(m => m.Id, StringComparer.Ordinal)]);
    }

    public Task<IReadOnlyDictionary<string, string>> FindHoldersAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            foreach (var name in model.AliasNames.Prepend(model.Id).Where(names.Contains))
            {
                holders.TryAdd(name, model.Id);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(holders);
    }
}
