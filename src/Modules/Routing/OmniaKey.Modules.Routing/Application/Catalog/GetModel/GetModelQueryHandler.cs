using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Application.Catalog.GetModel;

internal sealed class GetModelQueryHandler(IModelRepository models) : IQueryHandler<GetModelQuery, CatalogModelDto>
{
    public async Task<CatalogModelDto> Handle(GetModelQuery query, CancellationToken cancellationToken)
    {
        var model = await models.ReadAsync(query.Id, cancellationToken)
            ?? throw new NotFoundException("model_not_found", $"Model `{query.Id}` does not exist.");
        return CatalogModelDto.From(model);
    }
}
