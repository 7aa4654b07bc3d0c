using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> builder)
    {
        builder.ToTable("usage_records");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(u => u.AccountId).HasColumnName("account_id");
        builder.Property(u => u.KeyId).HasColumnName("key_id");
        builder.Property(u => u.Model).HasColumnName("model").HasMaxLength(200);
        builder.Property(u => u.Provider).HasColumnName("provider").HasMaxLength(32);
        builder.Property(u => u.InputTokens).HasColumnName("input_tokens");
        builder.Property(u => u.OutputTokens).HasColumnName("output_tokens");
        builder.Property(u => u.CacheReadTokens).HasColumnName("cache_read_tokens");
        builder.Property(u => u.CacheWriteTokens).HasColumnName("cache_write_tokens");
        builder.Property(u => u.ReasoningTokens).HasColumnName("reasoning_tokens");
        builder.Property(u => u.Cost).HasColumnName("cost_nano_usd");
        builder.Property(u => u.Charged).HasColumnName("charged_nano_usd");
        builder.Property(u => u.LatencyMs).HasColumnName("latency_ms");
        builder.Property(u => u.Status).HasColumnName("status").HasMaxLength(32);
        builder.Property(u => u.UsageSource).HasColumnName("usage_source").HasMaxLength(16);
        builder.Property(u => u.InputPrice).HasColumnName("input_nano_usd_per_million");
        builder.Property(u => u.OutputPrice).HasColumnName("output_nano_usd_per_million");
        builder.Property(u => u.CacheReadPrice).HasColumnName("cache_read_nano_usd_per_million");
        builder.Property(u => u.CacheWritePrice).HasColumnName("cache_write_nano_usd_per_million");
        builder.Property(u => u.PromotionId).HasColumnName("promotion_id");
        builder.Property(u => u.PromotionName).HasColumnName("promotion_name").HasMaxLength(200);
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(u => new { u.AccountId, u.CreatedAt });
    }
}
