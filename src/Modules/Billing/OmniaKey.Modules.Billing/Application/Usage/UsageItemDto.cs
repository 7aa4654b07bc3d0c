using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Application.Usage;

/// <summary>One call as the customer sees it. Money is decimal USD strings; <see cref="Promotion"/> is null without one.</summary>
internal sealed record UsageItemDto(
    string Id,
    DateTimeOffset CreatedAt,
    Guid KeyId,
    string Model,
    string Provider,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    string CostUsd,
    string ChargedUsd,
    string Status,
    string UsageSource,
    int LatencyMs,
    UsagePromotionDto? Promotion)
{
    public static UsageItemDto From(UsageRecord r) => new(
        r.Id,
        r.CreatedAt,
        r.KeyId,
        r.Model,
        r.Provider,
        r.InputTokens,
        r.OutputTokens,
        r.CacheReadTokens,
        r.CacheWriteTokens,
        r.ReasoningTokens,
        r.Cost.ToString(),
        r.Charged.ToString(),
        r.Status,
        r.UsageSource,
        r.LatencyMs,
        r.PromotionId is { } promotionId ? new UsagePromotionDto(promotionId, r.PromotionName) : null);
}

/// <summary>The promotion whose prices a call was charged at.</summary>
internal sealed record UsagePromotionDto(Guid Id, string? Name);
