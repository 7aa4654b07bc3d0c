using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Payments;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class PaymentRefundConfiguration : IEntityTypeConfiguration<PaymentRefund>
{
    public void Configure(EntityTypeBuilder<PaymentRefund> builder)
    {
        builder.ToTable("payment_refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").HasMaxLength(255);
        builder.Property(r => r.TopUpId).HasColumnName("top_up_id");
        builder.Property(r => r.AccountId).HasColumnName("account_id");
        builder.Property(r => r.ChargeId).HasColumnName("charge_id").HasMaxLength(255);
        builder.Property(r => r.AmountCents).HasColumnName("amount_cents");
        builder.Property(r => r.Collected).HasColumnName("collected_nano_usd");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Ignore(r => r.Amount);
        builder.Ignore(r => r.Uncollected);
        builder.HasIndex(r => r.TopUpId);
    }
}
