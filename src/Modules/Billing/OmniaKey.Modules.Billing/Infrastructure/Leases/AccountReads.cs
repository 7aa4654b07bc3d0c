using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

namespace OmniaKey.Modules.Billing.Infrastructure.Leases;

/// <summary>
/// What a reader of an account's money waits for on this instance: its lease gives back what it has not lent (so the
/// balance shows only the holds of calls in flight), and its queued settlements commit (docs/adr/0019).
/// </summary>
internal sealed class AccountReads(PendingSettlements pending, BalanceLeases leases) : IPendingSettlements
{
    /// <remarks>Settlements first: a lease whose last lent hold they settle then closes within the same wait.</remarks>
    public async Task WaitForAccountAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await pending.WaitForAccountAsync(accountId, cancellationToken);
        await leases.ReturnUnlentAsync(accountId).WaitAsync(cancellationToken);
    }

    public async Task WaitForAllAsync(CancellationToken cancellationToken)
    {
        await pending.WaitForAllAsync(cancellationToken);
        await leases.ReturnAllAsync().WaitAsync(cancellationToken);
    }
}
