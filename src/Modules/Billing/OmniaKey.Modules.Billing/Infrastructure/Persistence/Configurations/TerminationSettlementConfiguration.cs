using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class TerminationSettlementConfiguration : IEntityTypeConfiguration<TerminationSettlement>
{
    public void Configure(EntityTypeBuilder<TerminationSettlement> builder)
    {
        builder.ToTable("termination_settlements");
        builder.HasKey(s => s.AccountId);
        builder.Property(s => s.AccountId).HasColumnName("account_id").ValueGeneratedNever();
        builder.Property(s => s.MaterialBreach).HasColumnName("material_breach");
        builder.Property(s => s.Forfeited).HasColumnName("forfeited_nano_usd");
        builder.Property(s => s.RefundId).HasColumnName("refund_id");
        builder.Property(s => s.SettledAt).HasColumnName("settled_at");
    }
}
