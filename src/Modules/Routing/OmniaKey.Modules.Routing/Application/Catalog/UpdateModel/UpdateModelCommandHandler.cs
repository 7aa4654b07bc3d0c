using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;

namespace OmniaKey.Modules.Routing.Application.Catalog.UpdateModel;

/// <summary>
/// Applies the given fields, commits, then evicts this instance's catalogue cache: the next call and the next
/// <c>/v1/models</c> see the change. Calls already admitted keep the prices they were quoted.
/// </summary>
internal sealed class UpdateModelCommandHandler(IModelRepository models, IModelCatalogCache cache, IUnitOfWork unitOfWork)
    : ICommandHandler<UpdateModelCommand, CatalogModelDto>
{
    public async Task<CatalogModelDto> Handle(UpdateModelCommand command, CancellationToken cancellationToken)
    {
        var model = await models.FindAsync(command.Id, cancellationToken)
            ?? throw new NotFoundException("model_not_found", $"Model `{command.Id}` does not exist.");

        if (command.Aliases is not null)
        {
            await ModelNameClaims.EnsureFreeAsync(models, newId: null, command.Aliases, model.Id, cancellationToken);
            model.ReplaceAliases(command.Aliases);
        }

        if (command.Provider is not null || command.UpstreamModel is not null)
        {
            model.Reroute(command.Provider ?? model.Provider, command.UpstreamModel ?? model.UpstreamModel);
        }

        if (command.ContextWindow is not null || command.MaxOutputTokens is not null)
        {
            var contextWindow = command.ContextWindow ?? model.ContextWindow;
            var maxOutputTokens = command.MaxOutputTokens ?? model.MaxOutputTokens;
            if (maxOutputTokens > contextWindow)
            {
                throw new RequestValidationException("max_output_tokens", $"must not exceed context_window ({contextWindow})");
            }

            model.ChangeLimits(contextWindow, maxOutputTokens);
        }

        if (command.ImageInputMaxTokens is not null || command.AudioInputMaxTokens is not null || command.FileInputMaxTokens is not null)
        {
            model.ChangeMediaLimits(new MediaInputLimits(
                command.ImageInputMaxTokens ?? model.ImageInputMaxTokens,
                command.AudioInputMaxTokens ?? model.AudioInputMaxTokens,
                command.FileInputMaxTokens ?? model.FileInputMaxTokens));
        }

        if (command.Pricing is { } pricing)
        {
            model.Reprice(new ModelPrices(
                PriceOr(pricing.InputPerMillionUsd, model.InputPrice),
                PriceOr(pricing.OutputPerMillionUsd, model.OutputPrice),
                PriceOr(pricing.CacheReadPerMillionUsd, model.CacheReadPrice),
                PriceOr(pricing.CacheWritePerMillionUsd, model.CacheWritePrice)));
        }

        if (command.Enabled is { } enabled)
        {
            if (enabled)
            {
                model.Enable();
            }
            else
            {
                model.Disable();
            }
        }

        unitOfWork.OnCommitted(cache.Invalidate);
        return CatalogModelDto.From(model);
    }

    private static TokenPrice PriceOr(string? price, TokenPrice current) =>
        price is null ? current : CatalogRules.ToTokenPrice(price);
}
