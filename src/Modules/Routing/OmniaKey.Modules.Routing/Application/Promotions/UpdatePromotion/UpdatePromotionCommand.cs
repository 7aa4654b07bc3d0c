using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Promotions.UpdatePromotion;

/// <summary>
/// Replaces a promotion (PUT): every field as on creation, so an omitted provider or pattern means "none" rather
/// than "unchanged". Ending a running promotion early is a replace with an earlier <see cref="EndsAt"/>.
/// </summary>
internal sealed record UpdatePromotionCommand(
    Guid Id,
    string Name,
    string? Provider,
    string? ModelPattern,
    int? DiscountBasisPoints,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt) : ICommand<PromotionDto>, IPromotionInput;
