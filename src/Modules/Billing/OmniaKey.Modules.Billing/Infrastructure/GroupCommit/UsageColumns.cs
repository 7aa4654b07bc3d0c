using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// The columns of <c>usage_records</c> (see UsageRecordConfiguration) in one fixed order, with their PostgreSQL and
/// SQL Server types and how to read each from a record — so the three providers' SQL cannot disagree on them.
/// </summary>
internal static class UsageColumns
{
    public static readonly UsageColumn[] All =
    [
        new("id", "text", "nvarchar(64) NOT NULL", u => u.Id),
        new("account_id", "uuid", "uniqueidentifier NOT NULL", u => u.AccountId),
        new("key_id", "uuid", "uniqueidentifier NOT NULL", u => u.KeyId),
        new("model", "text", "nvarchar(200) NOT NULL", u => u.Model),
        new("provider", "text", "nvarchar(32) NOT NULL", u => u.Provider),
        new("input_tokens", "bigint", "bigint NOT NULL", u => u.InputTokens),
        new("output_tokens", "bigint", "bigint NOT NULL", u => u.OutputTokens),
        new("cache_read_tokens", "bigint", "bigint NOT NULL", u => u.CacheReadTokens),
        new("cache_write_tokens", "bigint", "bigint NOT NULL", u => u.CacheWriteTokens),
        new("reasoning_tokens", "bigint", "bigint NOT NULL", u => u.ReasoningTokens),
        new("cost_nano_usd", "bigint", "bigint NOT NULL", u => u.Cost.NanoUsd),
        new("charged_nano_usd", "bigint", "bigint NOT NULL", u => u.Charged.NanoUsd),
        new("latency_ms", "integer", "int NOT NULL", u => u.LatencyMs),
        new("status", "text", "nvarchar(32) NOT NULL", u => u.Status),
        new("usage_source", "text", "nvarchar(16) NOT NULL", u => u.UsageSource),
        new("input_nano_usd_per_million", "bigint", "bigint NOT NULL", u => u.InputPrice),
        new("output_nano_usd_per_million", "bigint", "bigint NOT NULL", u => u.OutputPrice),
        new("cache_read_nano_usd_per_million", "bigint", "bigint NOT NULL", u => u.CacheReadPrice),
        new("cache_write_nano_usd_per_million", "bigint", "bigint NOT NULL", u => u.CacheWritePrice),
        new("promotion_id", "uuid", "uniqueidentifier NULL", u => u.PromotionId),
        new("promotion_name", "text", "nvarchar(200) NULL", u => u.PromotionName),
        new("created_at", "timestamptz", "datetimeoffset NOT NULL", u => u.CreatedAt),
    ];

    /// <summary><c>id, account_id, …</c>, each name prefixed with <paramref name="alias"/> (e.g. <c>i.</c>).</summary>
    public static string List(string alias = "") => string.Join(", ", All.Select(c => alias + c.Name));

    /// <summary>The SET list of an upsert's update: every column but the key from <paramref name="source"/>.</summary>
    public static string Assignments(string target, string source) =>
        string.Join(", ", All.Skip(1).Select(c => $"{target}{c.Name} = {source}.{c.Name}"));
}

internal sealed record UsageColumn(string Name, string PostgresType, string SqlServerType, Func<UsageRecord, object?> Read);
