using System.Linq.Expressions;
using FluentValidation;
using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Application.Balances;

/// <summary>
/// The rules every operator credit shares (an adjustment, promotional credit): a positive amount in USD with at most
/// nine decimals, a reason, and an idempotency key of bounded length — one place for both commands that
/// <see cref="OperatorCredit"/> applies.
/// </summary>
internal abstract class OperatorCreditValidator<TCommand> : AbstractValidator<TCommand>
{
    protected OperatorCreditValidator(
        Expression<Func<TCommand, string>> amountUsd,
        Expression<Func<TCommand, string>> reason,
        Expression<Func<TCommand, string?>> idempotencyKey)
    {
        RuleFor(amountUsd)
            .Must(amount => Money.TryParse(amount, out var money, out _) && money.IsPositive)
            .WithMessage("must be a positive decimal string with at most 9 decimal places, such as \"12.5\"");
        RuleFor(reason).NotEmpty().MaximumLength(500);
        RuleFor(idempotencyKey).MaximumLength(200);
    }
}
