using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Application.Promotions.ListPromotions;

internal sealed class ListPromotionsQueryHandler(IPromotionRepository promotions, TimeProvider clock)
    : IQueryHandler<ListPromotionsQuery, IReadOnlyList<PromotionDto>>
{
    public async Task<IReadOnlyList<PromotionDto>> Handle(ListPromotionsQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return (await promotions.ListAsync(cancellationToken)).Select(p => PromotionDto.From(p, now)).ToList();
    }
}
