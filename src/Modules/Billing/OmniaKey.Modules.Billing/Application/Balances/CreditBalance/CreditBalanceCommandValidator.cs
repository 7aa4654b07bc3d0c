using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Application.Balances.CreditBalance;

internal sealed class CreditBalanceCommandValidator()
    : OperatorCreditValidator<CreditBalanceCommand>(c => c.AmountUsd, c => c.Reason, c => c.IdempotencyKey);
