using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Application.Catalog.DisableModel;

internal sealed class DisableModelCommandHandler(IModelRepository models, IModelCatalogCache cache, IUnitOfWork unitOfWork)
    : ICommandHandler<DisableModelCommand, CatalogModelDto>
{
    public async Task<CatalogModelDto> Handle(DisableModelCommand command, CancellationToken cancellationToken)
    {
        var model = await models.FindAsync(command.Id, cancellationToken)
            ?? throw new NotFoundException("model_not_found", $"Model `{command.Id}` does not exist.");
        model.Disable();
        unitOfWork.OnCommitted(cache.Invalidate);
        return CatalogModelDto.From(model);
    }
}
