using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Infrastructure.Leases;

/// <summary>A lease's steps in the database, one transaction each (<see cref="LeaseStore"/>).</summary>
internal interface ILeaseStore
{
    /// <summary>
    /// Reserves <paramref name="target"/>, or the share of the available balance <paramref name="maxSharePercent"/>
    /// allows if that is less, but never less than <paramref name="minimum"/>. Returns the amount, or null when the
    /// balance cannot fund it.
    /// </summary>
    Task<Money?> TakeAsync(string leaseId, Guid accountId, Money target, Money minimum, int maxSharePercent, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Gives <paramref name="unlent"/> back and, with <paramref name="close"/>, closes the row and gives back what it still holds.</summary>
    Task ReturnAsync(string leaseId, Guid accountId, long unlent, bool close, CancellationToken cancellationToken);

    /// <summary>Settles one lent hold alone: out of the lease, released and charged (or, the lease closed, from the balance).</summary>
    Task<Money> SettleAsync(CallSettlement settlement, LeaseHold hold, CancellationToken cancellationToken);

    /// <summary>Moves a lent hold into a reservation of the call's own; false when the lease is closed.</summary>
    Task<bool> GiveOwnHoldAsync(CallSettlement call, LeaseHold hold, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
