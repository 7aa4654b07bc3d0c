using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class RefundPartConfiguration : IEntityTypeConfiguration<RefundPart>
{
    public void Configure(EntityTypeBuilder<RefundPart> builder)
    {
        builder.ToTable("refund_parts", t => t.HasCheckConstraint("ck_refund_parts_amount_positive", "amount_cents > 0"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id").HasMaxLength(255);
        builder.Property(p => p.RefundId).HasColumnName("refund_id");
        builder.Property(p => p.AccountId).HasColumnName("account_id");
        builder.Property(p => p.TopUpId).HasColumnName("top_up_id");
        builder.Property(p => p.ChargeId).HasColumnName("charge_id").HasMaxLength(255);
        builder.Property(p => p.AmountCents).HasColumnName("amount_cents");
        builder.Property(p => p.ProviderStatus).HasColumnName("provider_status").HasMaxLength(32);
        builder.Property(p => p.CreatedAt).HasColumnName("created_at");
        builder.Ignore(p => p.Amount);
        builder.Ignore(p => p.IsFailed);
        builder.HasIndex(p => p.RefundId);
        builder.HasIndex(p => p.AccountId);
    }
}
