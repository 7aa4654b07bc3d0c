using FluentValidation;
using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Application.Payments.CreateCheckout;

internal sealed class CreateCheckoutCommandValidator : AbstractValidator<CreateCheckoutCommand>
{
    public CreateCheckoutCommandValidator(TopUpLimits limits)
    {
        RuleFor(c => c.AmountUsd)
            .Must(a => Money.TryParse(a, out _, out _))
            .WithMessage("must be a decimal string of US dollars, such as \"25\" or \"12.50\"")
            .DependentRules(() =>
            {
                RuleFor(c => c.AmountUsd)
                    .Must(a => Money.Parse(a).NanoUsd % 10_000_000 == 0)
                    .WithMessage("must be whole cents (at most 2 decimal places)");
                RuleFor(c => c.AmountUsd)
                    .Must(a => Money.Parse(a) >= limits.Minimum && Money.Parse(a) <= limits.Maximum)
                    .WithMessage($"must be between {limits.Minimum} and {limits.Maximum} USD");
            });
    }
}
