using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Application.Promotions.DeletePromotion;

internal sealed class DeletePromotionCommandHandler(IPromotionRepository promotions, IPromotionCache cache, IUnitOfWork unitOfWork)
    : ICommandHandler<DeletePromotionCommand>
{
    public async Task Handle(DeletePromotionCommand command, CancellationToken cancellationToken)
    {
        var promotion = await promotions.FindAsync(command.Id, cancellationToken)
            ?? throw new NotFoundException("promotion_not_found", $"Promotion {command.Id} does not exist.");
        promotions.Remove(promotion);
        unitOfWork.OnCommitted(cache.Invalidate);
    }
}
