using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Application.Catalog.ListModels;

internal sealed class ListModelsQueryHandler(IModelRepository models) : IQueryHandler<ListModelsQuery, IReadOnlyList<CatalogModelDto>>
{
    public async Task<IReadOnlyList<CatalogModelDto>> Handle(ListModelsQuery query, CancellationToken cancellationToken) =>
        (await models.ListAsync(cancellationToken)).Select(CatalogModelDto.From).ToList();
}
