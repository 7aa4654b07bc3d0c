using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Billing.Domain.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Configurations;

internal sealed class BalanceAccountConfiguration : IEntityTypeConfiguration<BalanceAccount>
{
    public void Configure(EntityTypeBuilder<BalanceAccount> builder)
    {
        builder.ToTable("balances", t =>
        {
            t.HasCheckConstraint("ck_balances_available_not_negative", "available_nano_usd >= 0");
            t.HasCheckConstraint("ck_balances_reserved_not_negative", "reserved_nano_usd >= 0");
        });
        builder.HasKey(b => b.AccountId);
        builder.Property(b => b.AccountId).HasColumnName("account_id");
        builder.Property(b => b.AvailableNanoUsd).HasColumnName("available_nano_usd");
        builder.Property(b => b.ReservedNanoUsd).HasColumnName("reserved_nano_usd");
        builder.Property(b => b.CreatedAt).HasColumnName("created_at");
        builder.Ignore(b => b.Available);
        builder.Ignore(b => b.Reserved);
    }
}
