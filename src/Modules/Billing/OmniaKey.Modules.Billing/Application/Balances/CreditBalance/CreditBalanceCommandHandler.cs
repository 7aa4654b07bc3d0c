using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Application.Balances.CreditBalance;

/// <summary>
/// An operator's credit. The idempotency key becomes the ledger entry's reference, unique per account and type,
/// so a retried or concurrent duplicate returns the first credit and moves no money.
/// </summary>
internal sealed class CreditBalanceCommandHandler(IBalanceStore balances, IAccountDirectory accounts, TimeProvider clock)
    : ICommandHandler<CreditBalanceCommand, LedgerEntryDto>
{
    public async Task<LedgerEntryDto> Handle(CreditBalanceCommand command, CancellationToken cancellationToken)
    {
        if (!await accounts.ExistsAsync(command.AccountId, cancellationToken))
        {
            throw new NotFoundException("account_not_found", $"Account {command.AccountId} does not exist.");
        }

        var amount = Money.Parse(command.AmountUsd);
        var reference = string.IsNullOrWhiteSpace(command.IdempotencyKey) ? $"credit:{Guid.NewGuid():N}" : command.IdempotencyKey;
        var credit = LedgerEntry.Credit(command.AccountId, LedgerEntryType.Adjustment, amount, command.Reason, reference, clock.GetUtcNow());
        var stored = await balances.CreditAsync(credit, cancellationToken);
        if (stored.Amount != amount)
        {
            throw new ConflictException(
                "idempotency_key_reused",
                "This Idempotency-Key was already used for a credit of a different amount.");
        }

        return LedgerEntryMapping.ToDto(stored);
    }
}
