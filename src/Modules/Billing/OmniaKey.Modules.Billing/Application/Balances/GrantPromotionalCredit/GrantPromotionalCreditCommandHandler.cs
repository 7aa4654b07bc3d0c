using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Application.Balances.GrantPromotionalCredit;

/// <summary>
/// Promotional credit is refunded neither on request nor at termination: <c>RefundPolicy</c> refunds only paid
/// top-ups, whatever the ledger says about other credits.
/// </summary>
internal sealed class GrantPromotionalCreditCommandHandler(OperatorCredit credit)
    : ICommandHandler<GrantPromotionalCreditCommand, LedgerEntryDto>
{
    public Task<LedgerEntryDto> Handle(GrantPromotionalCreditCommand command, CancellationToken cancellationToken) =>
        credit.ApplyAsync(command.AccountId, LedgerEntryType.PromotionalCredit, command.AmountUsd, command.Reason, command.IdempotencyKey, cancellationToken);
}
