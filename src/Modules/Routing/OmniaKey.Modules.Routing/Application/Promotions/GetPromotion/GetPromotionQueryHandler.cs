using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Application.Promotions.GetPromotion;

internal sealed class GetPromotionQueryHandler(IPromotionRepository promotions, TimeProvider clock)
    : IQueryHandler<GetPromotionQuery, PromotionDto>
{
    public async Task<PromotionDto> Handle(GetPromotionQuery query, CancellationToken cancellationToken)
    {
        var promotion = await promotions.ReadAsync(query.Id, cancellationToken)
            ?? throw new NotFoundException("promotion_not_found", $"Promotion {query.Id} does not exist.");
        return PromotionDto.From(promotion, clock.GetUtcNow());
    }
}
