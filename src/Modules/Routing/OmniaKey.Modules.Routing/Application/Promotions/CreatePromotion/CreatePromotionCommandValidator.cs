using FluentValidation;

namespace OmniaKey.Modules.Routing.Application.Promotions.CreatePromotion;

internal sealed class CreatePromotionCommandValidator : AbstractValidator<CreatePromotionCommand>
{
    public CreatePromotionCommandValidator() => this.AddPromotionRules();
}
