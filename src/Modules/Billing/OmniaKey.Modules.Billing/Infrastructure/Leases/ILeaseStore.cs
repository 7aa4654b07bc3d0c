using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Infrastructure.Leases;

/// <summary>
/// A lease's steps in the database, one transaction each (<see cref="LeaseStore"/>). An interface so that the lease
/// book's unit tests can record the steps instead of running them.
/// </summary>
internal interface ILeaseStore
{
    /// <summary>
    /// Reserves <paramref name="target"/>, or the share of the available balance <paramref name="maxSharePercent"/>
    /// allows if that is less, but never less than <paramref name="minimum"/>. Returns the amount, or null when the
    /// balance cannot fund it (or another call took the money between the read and the debit).
    /// </summary>
    Task<Money?> TakeAsync(string leaseId, Guid accountId, Money target, Money minimum, int maxSharePercent, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Gives <paramref name="unlent"/> back to the available balance and, with <paramref name="close"/>, closes the row
    /// and gives back whatever it still holds (nothing, unless a call it lent to never settled).
    /// </summary>
    Task ReturnAsync(string leaseId, Guid accountId, long unlent, bool close, CancellationToken cancellationToken);

    /// <summary>
    /// The slow path of a call that held from a lease: its hold comes out of the lease row, is released and its cost
    /// charged (up to the hold plus the available balance, as for any hold), with its ledger entry and usage record,
    /// in one transaction. If the clean-up job already closed the lease — it gave the whole remainder back, this call's
    /// hold with it — the cost is taken from the available balance instead, never below zero.
    /// </summary>
    Task<Money> SettleAsync(CallSettlement settlement, LeaseHold hold, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a long call's hold out of its lease into a reservation of its own (the money stays reserved), so that it
    /// can record progress and be settled from it after a crash like any other call. False when the lease is closed.
    /// </summary>
    Task<bool> GiveOwnHoldAsync(CallSettlement call, LeaseHold hold, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
