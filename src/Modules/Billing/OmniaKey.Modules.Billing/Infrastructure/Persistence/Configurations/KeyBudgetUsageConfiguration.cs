using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class KeyBudgetUsageConfiguration : IEntityTypeConfiguration<KeyBudgetUsage>
{
    public void Configure(EntityTypeBuilder<KeyBudgetUsage> builder)
    {
        builder.ToTable("key_budgets", t =>
        {
            t.HasCheckConstraint("ck_key_budgets_spent_not_negative", "spent_nano_usd >= 0");
            t.HasCheckConstraint("ck_key_budgets_reserved_not_negative", "reserved_nano_usd >= 0");
        });
        builder.HasKey(b => new { b.KeyId, b.Period, b.PeriodStart });
        builder.Property(b => b.KeyId).HasColumnName("key_id");
        builder.Property(b => b.Period).HasColumnName("period").HasMaxLength(8);
        builder.Property(b => b.PeriodStart).HasColumnName("period_start");
        builder.Property(b => b.AccountId).HasColumnName("account_id");
        builder.Property(b => b.SpentNanoUsd).HasColumnName("spent_nano_usd");
        builder.Property(b => b.ReservedNanoUsd).HasColumnName("reserved_nano_usd");
    }
}
