using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Application.Promotions.CreatePromotion;

/// <summary>Adds the promotion, commits, then evicts this instance's cached promotions.</summary>
internal sealed class CreatePromotionCommandHandler(IPromotionRepository promotions, IPromotionCache cache, IUnitOfWork unitOfWork, TimeProvider clock)
    : ICommandHandler<CreatePromotionCommand, PromotionDto>
{
    public async Task<PromotionDto> Handle(CreatePromotionCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var promotion = Promotion.Create(
            command.Name.Trim(),
            command.Provider,
            command.ModelPattern,
            new Discount(command.DiscountBasisPoints!.Value),
            command.StartsAt!.Value,
            command.EndsAt!.Value,
            now);
        promotions.Add(promotion);
        unitOfWork.OnCommitted(cache.Invalidate);
        return PromotionDto.From(promotion, now);
    }
}
