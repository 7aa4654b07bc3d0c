namespace OmniaKey.Modules.Routing.Domain.Catalog;

/// <summary>The enabled models, read from memory on the hot path.</summary>
internal interface IModelCatalog
{
    ValueTask<CatalogModel?> FindEnabledAsync(string modelId, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<CatalogModel>> ListEnabledAsync(CancellationToken cancellationToken);
}
