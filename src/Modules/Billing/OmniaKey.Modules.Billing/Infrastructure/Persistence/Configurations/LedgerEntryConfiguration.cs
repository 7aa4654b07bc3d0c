using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ledger_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id");
        builder.Property(e => e.AccountId).HasColumnName("account_id");
        builder.Property(e => e.Type).HasColumnName("type").HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Amount).HasColumnName("amount_nano_usd");
        builder.Property(e => e.Description).HasColumnName("description").HasMaxLength(500);
        builder.Property(e => e.Reference).HasColumnName("reference").HasMaxLength(200);
        builder.Property(e => e.CreatedAt).HasColumnName("created_at");
        builder.Ignore(e => e.TypeName);

        // The same cause (idempotency key, request id) can move money only once per account and type.
        builder.HasIndex(e => new { e.AccountId, e.Type, e.Reference }).IsUnique();
        builder.HasIndex(e => new { e.AccountId, e.CreatedAt });
    }
}
