namespace OmniaKey.Modules.Billing.Infrastructure.Leases;

/// <summary>
/// One lease in memory: a block of an account's balance that this instance reserved in the database (a reservation
/// row whose id starts with <see cref="IdPrefix"/>) and lends to its calls' holds without a round trip. Every field
/// but the id is guarded by the owning <see cref="AccountLeases.Gate"/>.
/// </summary>
internal sealed class Lease(string id, Guid accountId, long amountNanoUsd, DateTimeOffset createdAt, DateTimeOffset expiresAt)
{
    /// <summary>Request ids are <c>req_…</c>; lease rows share the reservations table under their own prefix.</summary>
    public const string IdPrefix = "lease_";

    public string Id { get; } = id;

    public Guid AccountId { get; } = accountId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>What the lease reserved when it was taken.</summary>
    public long SizeNanoUsd { get; } = amountNanoUsd;

    /// <summary>The row's expiry: after it the clean-up job gives back what is left, so no hold is lent close to it.</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>What the lease has not lent yet.</summary>
    public long UnlentNanoUsd { get; set; } = amountNanoUsd;

    /// <summary>Holds lent and not yet settled in the database: the row cannot close before they are.</summary>
    public int Outstanding { get; set; }

    /// <summary>Lends nothing more; what it had not lent is given back.</summary>
    public bool Retired { get; set; }

    /// <summary>Its row's close has been started (after retiring, once nothing is outstanding).</summary>
    public bool Closing { get; set; }

    public DateTimeOffset LastLent { get; set; } = createdAt;

    public static string NewId() => IdPrefix + Guid.CreateVersion7().ToString("N");

    public static bool IsLease(string reservationId) => reservationId.StartsWith(IdPrefix, StringComparison.Ordinal);
}

/// <summary>One account's leases on this instance: the one lending now, the one being taken, and how big the next is.</summary>
internal sealed class AccountLeases(Guid accountId, int initialCalls)
{
    public Lock Gate { get; } = new();

    public Guid AccountId { get; } = accountId;

    public Lease? Current { get; set; }

    /// <summary>
    /// The lease being taken in the background, if any: no second one is started meanwhile, and no call waits for it;
    /// a reader of the account's money does, so that the lease is given back too.
    /// </summary>
    public Task? Taking { get; set; }

    /// <summary>The next lease's size, in holds of the call that asks for it.</summary>
    public int CallsPerLease { get; set; } = initialCalls;

    /// <summary>When the account's last call took a hold of its own (a second one soon after takes a lease).</summary>
    public DateTimeOffset LastOwnHold { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Until then the account's holds are placed one by one: its balance could not fund a lease.</summary>
    public DateTimeOffset NoLeaseUntil { get; set; }
}

/// <summary>A call's hold lent by <paramref name="Lease"/>: <paramref name="AmountNanoUsd"/> of it is the call's.</summary>
internal readonly record struct LeaseHold(Lease Lease, long AmountNanoUsd);
