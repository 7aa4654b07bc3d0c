using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Promotions.DeletePromotion;

/// <summary>
/// Removes a promotion. History does not need the row: a call's usage record keeps the prices it was charged
/// and the promotion's id and name.
/// </summary>
internal sealed record DeletePromotionCommand(Guid Id) : ICommand;
