using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Accounts.Domain.Lockouts;

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence;

internal sealed class LogInLockoutConfiguration : IEntityTypeConfiguration<LogInLockout>
{
    public void Configure(EntityTypeBuilder<LogInLockout> builder)
    {
        builder.ToTable("log_in_lockouts");
        builder.HasKey(l => l.EmailHash);
        builder.Property(l => l.EmailHash).HasColumnName("email_hash").HasMaxLength(64).IsUnicode(false).ValueGeneratedNever();
        builder.Property(l => l.Failures).HasColumnName("failures");
        builder.Property(l => l.Lockouts).HasColumnName("lockouts");
        builder.Property(l => l.LastFailureAt).HasColumnName("last_failure_at");
        builder.Property(l => l.LockedUntil).HasColumnName("locked_until");
    }
}
