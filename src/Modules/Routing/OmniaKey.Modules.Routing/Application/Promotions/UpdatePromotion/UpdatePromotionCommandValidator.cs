using FluentValidation;

namespace OmniaKey.Modules.Routing.Application.Promotions.UpdatePromotion;

internal sealed class UpdatePromotionCommandValidator : AbstractValidator<UpdatePromotionCommand>
{
    public UpdatePromotionCommandValidator() => this.AddPromotionRules();
}
