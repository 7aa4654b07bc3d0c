using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;

namespace OmniaKey.Modules.Routing.Application.Catalog.CreateModel;

/// <summary>Adds the model, commits, then evicts this instance's catalogue cache, so the model is callable at once.</summary>
internal sealed class CreateModelCommandHandler(IModelRepository models, IModelCatalogCache cache, IUnitOfWork unitOfWork, TimeProvider clock)
    : ICommandHandler<CreateModelCommand, CatalogModelDto>
{
    public async Task<CatalogModelDto> Handle(CreateModelCommand command, CancellationToken cancellationToken)
    {
        await ModelNameClaims.EnsureFreeAsync(models, command.Id, command.Aliases, ownerId: null, cancellationToken);
        var pricing = command.Pricing!;
        var prices = new ModelPrices(
            CatalogRules.ToTokenPrice(pricing.InputPerMillionUsd!),
            CatalogRules.ToTokenPrice(pricing.OutputPerMillionUsd!),
            CatalogRules.ToTokenPrice(pricing.CacheReadPerMillionUsd!),
            CatalogRules.ToTokenPrice(pricing.CacheWritePerMillionUsd!));
        var contextWindow = command.ContextWindow!.Value;
        var defaults = MediaInputLimits.DefaultFor(command.Provider, contextWindow);
        var mediaLimits = new MediaInputLimits(
            command.ImageInputMaxTokens ?? defaults.ImageTokens,
            command.AudioInputMaxTokens ?? defaults.AudioTokens,
            command.FileInputMaxTokens ?? defaults.FileTokens);
        var model = CatalogModel.Create(
            command.Id, command.Provider, command.UpstreamModel, contextWindow, command.MaxOutputTokens!.Value, prices, mediaLimits, command.Enabled, clock.GetUtcNow());
        model.ReplaceAliases(command.Aliases);
        models.Add(model);
        unitOfWork.OnCommitted(cache.Invalidate);
        return CatalogModelDto.From(model);
    }
}
