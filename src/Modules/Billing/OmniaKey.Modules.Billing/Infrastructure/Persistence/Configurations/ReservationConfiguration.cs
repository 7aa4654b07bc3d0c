using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable("reservations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(r => r.AccountId).HasColumnName("account_id");
        builder.Property(r => r.KeyId).HasColumnName("key_id");
        builder.Property(r => r.Amount).HasColumnName("amount_nano_usd");
        builder.Property(r => r.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.ExpiresAt).HasColumnName("expires_at");
        builder.Property(r => r.ClosedAt).HasColumnName("closed_at");
        builder.Property(r => r.Model).HasColumnName("model").HasMaxLength(200);
        builder.Property(r => r.Provider).HasColumnName("provider").HasMaxLength(32);
        builder.Property(r => r.ProgressRecorded).HasColumnName("progress_recorded");
        builder.Property(r => r.BudgetPeriod).HasColumnName("budget_period").HasMaxLength(8);
        builder.Property(r => r.BudgetPeriodStart).HasColumnName("budget_period_start");
        builder.Property(r => r.RateTokens).HasColumnName("rate_tokens");
        builder.HasIndex(r => new { r.Status, r.ExpiresAt });

        // A rate-limited key's requests and tokens of the last minute (docs/adr/0041-exact-key-limits-through-the-group-commit.md).
        builder.HasIndex(r => new { r.KeyId, r.CreatedAt });
    }
}
