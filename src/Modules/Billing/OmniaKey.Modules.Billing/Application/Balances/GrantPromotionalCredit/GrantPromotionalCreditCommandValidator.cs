namespace OmniaKey.Modules.Billing.Application.Balances.GrantPromotionalCredit;

internal sealed class GrantPromotionalCreditCommandValidator()
    : OperatorCreditValidator<GrantPromotionalCreditCommand>(c => c.AmountUsd, c => c.Reason, c => c.IdempotencyKey);
