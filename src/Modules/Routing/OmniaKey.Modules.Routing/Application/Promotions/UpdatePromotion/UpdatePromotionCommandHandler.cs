using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Application.Promotions.UpdatePromotion;

/// <summary>
/// Replaces the promotion, commits, then evicts this instance's cached promotions. Calls already admitted keep
/// the price they were quoted; only calls admitted afterwards see the change.
/// </summary>
internal sealed class UpdatePromotionCommandHandler(IPromotionRepository promotions, IPromotionCache cache, IUnitOfWork unitOfWork, TimeProvider clock)
    : ICommandHandler<UpdatePromotionCommand, PromotionDto>
{
    public async Task<PromotionDto> Handle(UpdatePromotionCommand command, CancellationToken cancellationToken)
    {
        var promotion = await promotions.FindAsync(command.Id, cancellationToken)
            ?? throw new NotFoundException("promotion_not_found", $"Promotion {command.Id} does not exist.");
        promotion.Change(
            command.Name.Trim(),
            command.Provider,
            command.ModelPattern,
            new Discount(command.DiscountBasisPoints!.Value),
            command.StartsAt!.Value,
            command.EndsAt!.Value);
        unitOfWork.OnCommitted(cache.Invalidate);
        return PromotionDto.From(promotion, clock.GetUtcNow());
    }
}
