using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

/// <summary>The usage records of a call: as settled, as recorded in progress, and as expired by the clean-up job.</summary>
internal static class UsageRecordFactory
{
    public static UsageRecord From(CallSettlement s, Money charged, DateTimeOffset now, string? status = null) => new()
    {
        Id = s.RequestId,
        AccountId = s.AccountId,
        KeyId = s.KeyId,
        Model = s.Model,
        Provider = s.Provider,
        InputTokens = s.Usage.InputTokens,
        OutputTokens = s.Usage.OutputTokens,
        CacheReadTokens = s.Usage.CacheReadTokens,
        CacheWriteTokens = s.Usage.CacheWriteTokens,
        ReasoningTokens = s.Usage.ReasoningTokens,
        Cost = s.Cost,
        Charged = charged,
        LatencyMs = s.LatencyMs,
        Status = status ?? s.Status,
        UsageSource = s.UsageSource,
        InputPrice = s.Prices?.InputNanoUsdPerMillion ?? 0,
        OutputPrice = s.Prices?.OutputNanoUsdPerMillion ?? 0,
        CacheReadPrice = s.Prices?.CacheReadNanoUsdPerMillion ?? 0,
        CacheWritePrice = s.Prices?.CacheWriteNanoUsdPerMillion ?? 0,
        PromotionId = s.Prices?.PromotionId,
        PromotionName = s.Prices?.PromotionName,
        CreatedAt = now,
    };

    /// <summary>An expired call that recorded nothing: no tokens, nothing charged.</summary>
    public static UsageRecord Expired(Reservation reservation, DateTimeOffset now) => new()
    {
        Id = reservation.Id,
        AccountId = reservation.AccountId,
        KeyId = reservation.KeyId,
        Model = reservation.Model ?? "unknown",
        Provider = reservation.Provider ?? "unknown",
        LatencyMs = Milliseconds(now - reservation.CreatedAt),
        Status = UsageStatuses.Expired,
        UsageSource = UsageStatuses.NoUsage,
        CreatedAt = now,
    };

    /// <summary>An expired call settled from its recorded partial usage: the record stays, now closed.</summary>
    public static UsageRecord Expired(UsageRecord progress, Money charged, DateTimeOffset now) => new()
    {
        Id = progress.Id,
        AccountId = progress.AccountId,
        KeyId = progress.KeyId,
        Model = progress.Model,
        Provider = progress.Provider,
        InputTokens = progress.InputTokens,
        OutputTokens = progress.OutputTokens,
        CacheReadTokens = progress.CacheReadTokens,
        CacheWriteTokens = progress.CacheWriteTokens,
        ReasoningTokens = progress.ReasoningTokens,
        Cost = progress.Cost,
        Charged = charged,
        LatencyMs = progress.LatencyMs,
        Status = UsageStatuses.Expired,
        UsageSource = progress.UsageSource,
        InputPrice = progress.InputPrice,
        OutputPrice = progress.OutputPrice,
        CacheReadPrice = progress.CacheReadPrice,
        CacheWritePrice = progress.CacheWritePrice,
        PromotionId = progress.PromotionId,
        PromotionName = progress.PromotionName,
        CreatedAt = now,
    };

    private static int Milliseconds(TimeSpan elapsed) => (int)Math.Clamp(elapsed.TotalMilliseconds, 0, int.MaxValue);
}
