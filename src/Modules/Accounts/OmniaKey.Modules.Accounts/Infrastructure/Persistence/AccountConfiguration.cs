using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(a => a.Email).HasColumnName("email").HasMaxLength(254);
        builder.HasIndex(a => a.Email).IsUnique();
        builder.Property(a => a.Country).HasColumnName("country").HasMaxLength(2);
        builder.Property(a => a.PasswordHash).HasColumnName("password_hash").HasMaxLength(200);
        builder.Property(a => a.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.CreatedAt).HasColumnName("created_at");
        builder.OwnsOne(a => a.Eligibility, e =>
        {
            e.Property(s => s.TermsVersion).HasColumnName("eligibility_terms_version").HasMaxLength(32);
            e.Property(s => s.ConfirmedAt).HasColumnName("eligibility_confirmed_at");
            e.Property(s => s.IpAddress).HasColumnName("eligibility_ip").HasMaxLength(64);
        });
        builder.Property(a => a.TerminationReason).HasColumnName("termination_reason").HasMaxLength(500);
        builder.Property(a => a.TerminatedForMaterialBreach).HasColumnName("terminated_for_material_breach");
        builder.Property(a => a.TerminatedAt).HasColumnName("terminated_at");
        builder.Property(a => a.SuspensionReason).HasColumnName("suspension_reason").HasMaxLength(500);
        builder.Property(a => a.EmailVerifiedAt).HasColumnName("email_verified_at");
        builder.Property(a => a.SessionGeneration).HasColumnName("session_generation");
        builder.Property(a => a.ClosedAt).HasColumnName("closed_at");
        builder.Ignore(a => a.DomainEvents);
    }
}
