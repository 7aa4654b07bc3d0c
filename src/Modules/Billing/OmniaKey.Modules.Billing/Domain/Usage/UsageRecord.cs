using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Usage;

/// <summary>One API call as billed: who, which model, how many tokens, what it cost and how it ended.</summary>
internal sealed class UsageRecord
{
    public required string Id { get; init; }

    public required Guid AccountId { get; init; }

    public required Guid KeyId { get; init; }

    public required string Model { get; init; }

    public required string Provider { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long CacheReadTokens { get; init; }

    public long CacheWriteTokens { get; init; }

    public long ReasoningTokens { get; init; }

    /// <summary>The priced cost of the call.</summary>
    public Money Cost { get; init; }

    /// <summary>What was taken from the balance; below <see cref="Cost"/> only if the balance ran dry.</summary>
    public Money Charged { get; init; }

    public int LatencyMs { get; init; }

    public required string Status { get; init; }

    public required string UsageSource { get; init; }

    /// <summary>The per-million prices the call was charged at (nano-USD), promotion applied.</summary>
    public long InputPrice { get; init; }

    public long OutputPrice { get; init; }

    public long CacheReadPrice { get; init; }

    public long CacheWritePrice { get; init; }

    /// <summary>The promotion in force when the call started, if one lowered its prices.</summary>
    public Guid? PromotionId { get; init; }

    public string? PromotionName { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
