using Ardalis.Specification;
using OmniaKey.Modules.Billing.Domain.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

/// <summary>The ids of up to <c>limit</c> held reservations whose time-to-live ended at or before a given time, oldest expiry first.</summary>
internal sealed class StaleReservationsSpec : Specification<Reservation, string>
{
    public StaleReservationsSpec(DateTimeOffset now, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Query.Where(r => r.Status == ReservationStatus.Held && r.ExpiresAt <= now);
        Query.OrderBy(r => r.ExpiresAt);
        Query.Take(limit);
        Query.AsNoTracking();
        Query.Select(r => r.Id);
    }
}
