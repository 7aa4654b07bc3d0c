using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Application.Balances.CreditBalance;

/// <summary>
/// An operator's credit, an <c>adjustment</c> (idempotent by its key: <see cref="OperatorCredit"/>). Like
/// promotional credit it is never refunded: only paid top-ups are (docs/adr/0011-refunds.md).
/// </summary>
internal sealed class CreditBalanceCommandHandler(OperatorCredit credit)
    : ICommandHandler<CreditBalanceCommand, LedgerEntryDto>
{
    public Task<LedgerEntryDto> Handle(CreditBalanceCommand command, CancellationToken cancellationToken) =>
        credit.ApplyAsync(command.AccountId, LedgerEntryType.Adjustment, command.AmountUsd, command.Reason, command.IdempotencyKey, cancellationToken);
}
