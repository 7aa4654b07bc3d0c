namespace OmniaKey.Modules.Routing.Domain.Catalog;

internal interface IModelRepository
{
    void Add(CatalogModel model);

    /// <summary>A model to change (tracked), enabled or not.</summary>
    Task<CatalogModel?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>A model to read (not tracked), enabled or not.</summary>
    Task<CatalogModel?> ReadAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every model, enabled or not, ordered by id.</summary>
    Task<IReadOnlyList<CatalogModel>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The enabled models with their aliases (what the hot-path cache holds).</summary>
    Task<IReadOnlyList<CatalogModel>> ListEnabledAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Which of <paramref name="names"/> are already taken, as a model id or an alias: name → id of the model that
    /// holds it.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> FindHoldersAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}

/// <summary>Drops this instance's cached catalogue, so the next read sees committed changes.</summary>
internal interface IModelCatalogCache
{
    void Invalidate();
}
