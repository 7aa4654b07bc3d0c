using System.Text.Json;
using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Ledger;

/// <summary>
/// An immutable, signed change of one account's balance. <see cref="Reference"/> identifies the cause (an
/// idempotency key, a request id) and is unique per account and type, which makes every money movement idempotent.
/// </summary>
internal sealed class LedgerEntry
{
    private LedgerEntry(Guid id, Guid accountId, LedgerEntryType type, Money amount, string description, string? reference, DateTimeOffset createdAt)
    {
        Id = id;
        AccountId = accountId;
        Type = type;
        Amount = amount;
        Description = description;
        Reference = reference;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public LedgerEntryType Type { get; private set; }

    public Money Amount { get; private set; }

    public string Description { get; private set; }

    public string? Reference { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string TypeName => JsonNamingPolicy.SnakeCaseLower.ConvertName(Type.ToString());

    public static LedgerEntry Credit(Guid accountId, LedgerEntryType type, Money amount, string description, string? reference, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(amount.NanoUsd, 0);
        return new LedgerEntry(Guid.CreateVersion7(now), accountId, type, amount, description, reference, now);
    }

    /// <summary>
    /// Money taken back from the balance (an external refund, a chargeback, a forfeiture): stored negative.
    /// </summary>
    public static LedgerEntry Debit(Guid accountId, LedgerEntryType type, Money amount, string description, string reference, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(amount.NanoUsd, 0);
        return new LedgerEntry(Guid.CreateVersion7(now), accountId, type, -amount, description, reference, now);
    }

    public static LedgerEntry UsageCharge(Guid accountId, Money cost, string model, string requestId, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cost.NanoUsd, 0);
        return new LedgerEntry(Guid.CreateVersion7(now), accountId, LedgerEntryType.Usage, -cost, $"Usage of {model}", requestId, now);
    }
}
