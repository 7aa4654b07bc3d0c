using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Policies.Domain.Notices;

namespace OmniaKey.Modules.Policies.Infrastructure.Persistence.Configurations;

internal sealed class TermsNoticeConfiguration : IEntityTypeConfiguration<TermsNotice>
{
    public void Configure(EntityTypeBuilder<TermsNotice> builder)
    {
        builder.ToTable("terms_notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasColumnName("id");
        builder.Property(n => n.AccountId).HasColumnName("account_id");
        builder.Property(n => n.Version).HasColumnName("version").HasMaxLength(32);
        builder.Property(n => n.Email).HasColumnName("email").HasMaxLength(320);
        builder.Property(n => n.CreatedAt).HasColumnName("created_at");
        builder.Property(n => n.SentAt).HasColumnName("sent_at");
        builder.Property(n => n.ClaimToken).HasColumnName("claim_token");
        builder.Property(n => n.ClaimedUntil).HasColumnName("claimed_until");
        builder.Property(n => n.FailedAttempts).HasColumnName("failed_attempts");
        builder.Property(n => n.LastError).HasColumnName("last_error").HasMaxLength(500);

        // The idempotency key of the e-mail: one notice per account and version, whoever creates it and however often.
        builder.HasIndex(n => new { n.AccountId, n.Version }).IsUnique().HasDatabaseName("ux_terms_notices_account_version");
        builder.HasIndex(n => new { n.SentAt, n.CreatedAt }).HasDatabaseName("ix_terms_notices_pending");
    }
}
