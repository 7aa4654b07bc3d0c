using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Payments;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class TopUpConfiguration : IEntityTypeConfiguration<TopUp>
{
    public void Configure(EntityTypeBuilder<TopUp> builder)
    {
        builder.ToTable("top_ups", t => t.HasCheckConstraint("ck_top_ups_amount_positive", "amount_cents > 0"));
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id");
        builder.Property(t => t.AccountId).HasColumnName("account_id");
        builder.Property(t => t.CheckoutSessionId).HasColumnName("checkout_session_id").HasMaxLength(255);
        builder.Property(t => t.AmountCents).HasColumnName("amount_cents");
        builder.Property(t => t.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.PaidAt).HasColumnName("paid_at");
        builder.Property(t => t.PaidCents).HasColumnName("paid_cents");
        builder.Property(t => t.PaymentId).HasColumnName("payment_id").HasMaxLength(255);
        builder.Property(t => t.ChargeId).HasColumnName("charge_id").HasMaxLength(255);
        builder.Property(t => t.CardCountry).HasColumnName("card_country").HasMaxLength(2);
        builder.Property(t => t.LedgerEntryId).HasColumnName("ledger_entry_id");
        builder.Property(t => t.PaidByEventId).HasColumnName("paid_by_event_id").HasMaxLength(255);
        builder.Ignore(t => t.Amount);

        // A checkout session, and the payment it produced, belong to exactly one top-up.
        builder.HasIndex(t => t.CheckoutSessionId).IsUnique();
        builder.HasIndex(t => t.PaymentId).IsUnique();
        builder.HasIndex(t => t.ChargeId);
        builder.HasIndex(t => new { t.AccountId, t.CreatedAt });
    }
}
