using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Accounts.Domain.Sessions;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence;

internal sealed class AccountTokenConfiguration : IEntityTypeConfiguration<AccountToken>
{
    public void Configure(EntityTypeBuilder<AccountToken> builder)
    {
        builder.ToTable("account_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(t => t.AccountId).HasColumnName("account_id");
        builder.Property(t => t.Purpose).HasColumnName("purpose").HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => new { t.AccountId, t.Purpose });
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.ExpiresAt).HasColumnName("expires_at");
        builder.Property(t => t.UsedAt).HasColumnName("used_at");
    }
}

internal sealed class RevokedSessionConfiguration : IEntityTypeConfiguration<RevokedSession>
{
    public void Configure(EntityTypeBuilder<RevokedSession> builder)
    {
        builder.ToTable("revoked_sessions");
        builder.HasKey(s => s.TokenId);
        builder.Property(s => s.TokenId).HasColumnName("token_id").ValueGeneratedNever();
        builder.Property(s => s.AccountId).HasColumnName("account_id");
        builder.HasIndex(s => s.AccountId);
        builder.Property(s => s.ExpiresAt).HasColumnName("expires_at");
    }
}
