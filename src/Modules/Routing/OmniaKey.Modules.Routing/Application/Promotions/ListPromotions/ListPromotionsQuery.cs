using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Promotions.ListPromotions;

/// <summary>Every promotion (scheduled, active and ended), latest start first.</summary>
internal sealed record ListPromotionsQuery : IQuery<IReadOnlyList<PromotionDto>>;
