using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Balances;

/// <summary>
/// A hold on an account's balance for one in-flight call, identified by the call's request id. It is closed
/// exactly once — settled or released — guarded by a conditional update on <see cref="Status"/>.
/// </summary>
internal sealed class Reservation
{
    public Reservation(string id, Guid accountId, Guid keyId, Money amount, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        AccountId = accountId;
        KeyId = keyId;
        Amount = amount;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        Status = ReservationStatus.Held;
    }

    public string Id { get; private set; }

    public Guid AccountId { get; private set; }

    public Guid KeyId { get; private set; }

    public Money Amount { get; private set; }

    public ReservationStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }
}

internal enum ReservationStatus
{
    Held,
    Settled,
    Released,
}
