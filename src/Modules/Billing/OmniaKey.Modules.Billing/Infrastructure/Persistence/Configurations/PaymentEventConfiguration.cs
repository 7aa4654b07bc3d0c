using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Payments;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> builder)
    {
        builder.ToTable("payment_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id").HasMaxLength(255);
        builder.Property(e => e.Type).HasColumnName("type").HasMaxLength(100);
        builder.Property(e => e.ObjectId).HasColumnName("object_id").HasMaxLength(255);
        builder.Property(e => e.ReceivedAt).HasColumnName("received_at");
        builder.Property(e => e.ProcessedAt).HasColumnName("processed_at");
        builder.Property(e => e.Outcome).HasColumnName("outcome").HasMaxLength(64);
        builder.HasIndex(e => e.ReceivedAt);
    }
}
