using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Balances;

/// <summary>Holds whose time-to-live has passed: the calls that placed them died before settling.</summary>
internal interface IStaleReservations
{
    /// <summary>Up to <paramref name="limit"/> held reservations that expired at or before <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<string>> ListExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Closes one expired hold in one transaction: gives it back, charges the call's recorded partial usage if there
    /// is any, and writes an <c>expired</c> usage record. Null when the call settled (or another run released it) first.
    /// </summary>
    Task<StaleReservationRelease?> ReleaseAsync(string reservationId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="limit"/> closed reservation rows (settled, released or expired; a lease's too)
    /// that expired before <paramref name="expiredBefore"/>. A held row is never deleted. Returns how many it deleted.
    /// </summary>
    Task<int> DeleteClosedAsync(DateTimeOffset expiredBefore, int limit, CancellationToken cancellationToken);
}

/// <summary>What releasing one stale hold did: how much was held, how much of it the recorded usage cost.</summary>
internal sealed record StaleReservationRelease(string RequestId, Guid AccountId, Money Held, Money Charged, bool HadRecordedUsage);
