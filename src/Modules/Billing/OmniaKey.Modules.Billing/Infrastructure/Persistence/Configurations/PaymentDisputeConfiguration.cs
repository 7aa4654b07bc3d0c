using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Payments;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class PaymentDisputeConfiguration : IEntityTypeConfiguration<PaymentDispute>
{
    public void Configure(EntityTypeBuilder<PaymentDispute> builder)
    {
        builder.ToTable("payment_disputes");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName("id").HasMaxLength(255);
        builder.Property(d => d.TopUpId).HasColumnName("top_up_id");
        builder.Property(d => d.AccountId).HasColumnName("account_id");
        builder.Property(d => d.ChargeId).HasColumnName("charge_id").HasMaxLength(255);
        builder.Property(d => d.AmountCents).HasColumnName("amount_cents");
        builder.Property(d => d.Reason).HasColumnName("reason").HasMaxLength(100);
        builder.Property(d => d.ClawedBack).HasColumnName("clawed_back_nano_usd");
        builder.Property(d => d.CreatedAt).HasColumnName("created_at");
        builder.Property(d => d.Status).HasColumnName("status").HasMaxLength(32).HasDefaultValue(PaymentDispute.Open);
        builder.Property(d => d.ClosedAt).HasColumnName("closed_at");
        builder.Ignore(d => d.Amount);
        builder.Ignore(d => d.Uncollected);
        builder.HasIndex(d => new { d.AccountId, d.CreatedAt });
    }
}
