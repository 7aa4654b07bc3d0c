using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds", t => t.HasCheckConstraint("ck_refunds_amount_positive", "amount_nano_usd > 0"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(r => r.AccountId).HasColumnName("account_id");
        builder.Property(r => r.Amount).HasColumnName("amount_nano_usd");
        builder.Property(r => r.Refunded).HasColumnName("refunded_nano_usd");
        builder.Property(r => r.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Origin).HasColumnName("origin").HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Reference).HasColumnName("reference").HasMaxLength(220);
        builder.Property(r => r.Attempts).HasColumnName("attempts");
        builder.Property(r => r.LastError).HasColumnName("last_error").HasMaxLength(1000);
        builder.Property(r => r.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.DecidedAt).HasColumnName("decided_at");
        builder.Property(r => r.CompletedAt).HasColumnName("completed_at");
        builder.Ignore(r => r.IsOpen);
        builder.Ignore(r => r.StatusName);
        builder.Ignore(r => r.OriginName);

        // An Idempotency-Key (or the termination) requests at most one refund per account.
        builder.HasIndex(r => new { r.AccountId, r.Reference }).IsUnique();
        builder.HasIndex(r => new { r.AccountId, r.CreatedAt });
        builder.HasIndex(r => new { r.Status, r.NextAttemptAt });
    }
}
