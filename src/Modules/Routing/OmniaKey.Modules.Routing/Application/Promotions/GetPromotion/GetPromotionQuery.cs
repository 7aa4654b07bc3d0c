using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Promotions.GetPromotion;

internal sealed record GetPromotionQuery(Guid Id) : IQuery<PromotionDto>;
