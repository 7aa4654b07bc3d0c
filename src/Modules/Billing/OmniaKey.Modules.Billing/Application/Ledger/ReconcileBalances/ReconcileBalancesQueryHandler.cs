using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Application.Ledger.ReconcileBalances;

internal sealed class ReconcileBalancesQueryHandler(ILedgerRepository ledger, IAccountDirectory accounts, IPendingSettlements pending)
    : IQueryHandler<ReconcileBalancesQuery, ReconciliationDto>
{
    public async Task<ReconciliationDto> Handle(ReconcileBalancesQuery query, CancellationToken cancellationToken)
    {
        if (query.AccountId is { } accountId && !await accounts.ExistsAsync(accountId, cancellationToken))
        {
            throw new NotFoundException("account_not_found", $"Account {accountId} does not exist.");
        }

        await (query.AccountId is { } waitFor
            ? pending.WaitForAccountAsync(waitFor, cancellationToken)
            : pending.WaitForAllAsync(cancellationToken));
        var totals = await ledger.TotalsAsync(query.AccountId, cancellationToken);
        if (query.AccountId is { } id && totals.Count == 0)
        {
            // An account that never had money: nothing in the ledger, nothing in the balance.
            totals = [new LedgerTotals(id, Money.Zero, Money.Zero, Money.Zero)];
        }

        var data = totals.Select(t => new AccountReconciliationDto(
                t.AccountId,
                t.LedgerSum.ToString(),
                t.Available.ToString(),
                t.Reserved.ToString(),
                t.Balance.ToString(),
                t.IsBalanced))
            .ToList();
        return new ReconciliationDto(data, null, data.Count, data.Count(d => !d.Balanced));
    }
}
