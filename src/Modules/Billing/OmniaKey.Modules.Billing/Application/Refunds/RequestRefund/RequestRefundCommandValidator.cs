using FluentValidation;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds.RequestRefund;

internal sealed class RequestRefundCommandValidator : AbstractValidator<RequestRefundCommand>
{
    public RequestRefundCommandValidator()
    {
        When(c => c.AmountUsd is not null, () =>
        {
            RuleFor(c => c.AmountUsd)
                .Must(a => Money.TryParse(a, out var amount, out _) && amount.IsPositive)
                .WithMessage("must be a positive decimal string of US dollars, such as \"25\" or \"12.50\", or left out to refund everything refundable");
            RuleFor(c => c.AmountUsd)
                .Must(a => !Money.TryParse(a, out var amount, out _) || RefundPolicy.IsWholeCents(amount))
                .WithMessage("must be whole cents (at most 2 decimal places): card refunds move whole cents");
        });
        RuleFor(c => c.IdempotencyKey).MaximumLength(200);
    }
}
