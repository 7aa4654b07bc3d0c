using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Policies.Domain.Acceptances;

namespace OmniaKey.Modules.Policies.Infrastructure.Persistence.Configurations;

internal sealed class TermsAcceptanceConfiguration : IEntityTypeConfiguration<TermsAcceptance>
{
    public void Configure(EntityTypeBuilder<TermsAcceptance> builder)
    {
        builder.ToTable("terms_acceptances");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.AccountId).HasColumnName("account_id");
        builder.Property(a => a.Version).HasColumnName("version").HasMaxLength(32);
        builder.Property(a => a.Method).HasColumnName("method").HasMaxLength(16)
            .HasConversion(m => TermsAcceptance.Name(m), s => s == "signup" ? AcceptanceMethod.SignUp : s == "explicit" ? AcceptanceMethod.Explicit : AcceptanceMethod.ContinuedUse);
        builder.Property(a => a.AcceptedAt).HasColumnName("accepted_at");
        builder.Property(a => a.IpAddress).HasColumnName("ip_address").HasMaxLength(45);
        builder.HasIndex(a => new { a.AccountId, a.Version }).IsUnique().HasDatabaseName("ux_terms_acceptances_account_version");
    }
}
