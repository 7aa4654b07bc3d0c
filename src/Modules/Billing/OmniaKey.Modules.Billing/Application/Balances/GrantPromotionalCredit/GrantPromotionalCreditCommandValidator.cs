using FluentValidation;
using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Application.Balances.GrantPromotionalCredit;

internal sealed class GrantPromotionalCreditCommandValidator : AbstractValidator<GrantPromotionalCreditCommand>
{
    public GrantPromotionalCreditCommandValidator()
    {
        RuleFor(c => c.AmountUsd)
            .Must(BeAPositiveAmount)
            .WithMessage("must be a positive decimal string with at most 9 decimal places, such as \"12.5\"");
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
        RuleFor(c => c.IdempotencyKey).MaximumLength(200);
    }

    private static bool BeAPositiveAmount(string? amount) =>
        Money.TryParse(amount, out var money, out _) && money.IsPositive;
}
