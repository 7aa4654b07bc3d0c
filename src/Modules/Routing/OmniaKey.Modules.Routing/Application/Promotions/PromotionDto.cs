using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Application.Promotions;

/// <summary>A promotion as operators see it; <see cref="Status"/> is <c>scheduled</c>, <c>active</c> or <c>ended</c> now.</summary>
internal sealed record PromotionDto(
    Guid Id,
    string Name,
    string? Provider,
    string? ModelPattern,
    int DiscountBasisPoints,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Status,
    DateTimeOffset CreatedAt)
{
    public static PromotionDto From(Promotion promotion, DateTimeOffset now) => new(
        promotion.Id,
        promotion.Name,
        promotion.Provider,
        promotion.ModelPattern,
        promotion.Discount.BasisPoints,
        promotion.StartsAt,
        promotion.EndsAt,
        promotion.StatusAt(now),
        promotion.CreatedAt);
}
