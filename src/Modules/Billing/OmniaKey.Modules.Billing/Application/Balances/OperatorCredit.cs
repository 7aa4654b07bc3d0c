using OmniaKey.Application.Exceptions;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Application.Balances;

/// <summary>
/// An operator's credit of one ledger type (an adjustment, promotional credit). The idempotency key becomes the ledger
/// entry's reference, unique per account and type, so a retried or concurrent duplicate returns the first credit and
/// moves no money; the same key with another amount is a conflict.
/// </summary>
internal sealed class OperatorCredit(IBalanceStore balances, IAccountDirectory accounts, TimeProvider clock)
{
    public async Task<LedgerEntryDto> ApplyAsync(
        Guid accountId, LedgerEntryType type, string amountUsd, string reason, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!await accounts.ExistsAsync(accountId, cancellationToken))
        {
            throw new NotFoundException("account_not_found", $"Account {accountId} does not exist.");
        }

        var amount = Money.Parse(amountUsd);
        var reference = string.IsNullOrWhiteSpace(idempotencyKey) ? $"credit:{Guid.NewGuid():N}" : idempotencyKey;
        var credit = LedgerEntry.Credit(accountId, type, amount, reason, reference, clock.GetUtcNow());
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
