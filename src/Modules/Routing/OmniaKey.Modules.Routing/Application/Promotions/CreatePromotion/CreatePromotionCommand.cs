using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Promotions.CreatePromotion;

/// <summary>Schedules a promotion; one whose window contains now applies to the very next call on this instance.</summary>
internal sealed record CreatePromotionCommand(
    string Name,
    string? Provider,
    string? ModelPattern,
    int? DiscountBasisPoints,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt) : ICommand<PromotionDto>, IPromotionInput;
