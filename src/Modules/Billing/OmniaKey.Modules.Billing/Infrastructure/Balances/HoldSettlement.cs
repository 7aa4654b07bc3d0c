using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

/// <summary>Closing a hold's money: release it and charge a cost, as one conditional update on the balance row.</summary>
internal sealed class HoldSettlement(BalanceStore balances)
{
    /// <summary>
    /// Releases the hold and charges the cost. The cost normally fits inside the hold; if the estimate was short and
    /// the rest of the balance is gone too, the charge is capped at what is there, because the balance never goes
    /// below zero. Each attempt is one conditional update; a retry only happens when concurrent calls moved money.
    /// </summary>
    public async Task<Money> ChargeAsync(Guid accountId, Money hold, Money cost, CancellationToken cancellationToken)
    {
        var charge = cost;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await balances.TrySettleAsync(accountId, hold, charge, cancellationToken))
            {
                return charge;
            }

            var available = (await balances.FindAsync(accountId, cancellationToken))?.Available ?? Money.Zero;
            charge = Money.Max(Money.Zero, Money.Min(charge, hold + available));
        }

        throw new InvalidOperationException($"Could not settle a hold of {hold} USD on account {accountId}.");
    }
}
