using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Infrastructure.Persistence;

internal abstract class KeysDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "keys";

    public override string Schema => SchemaName;

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
}

internal sealed class SqliteKeysDbContext(DbContextOptions<SqliteKeysDbContext> options) : KeysDbContext(options);

internal sealed class PostgresKeysDbContext(DbContextOptions<PostgresKeysDbContext> options) : KeysDbContext(options);

internal sealed class SqlServerKeysDbContext(DbContextOptions<SqlServerKeysDbContext> options) : KeysDbContext(options);

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(k => k.AccountId).HasColumnName("account_id");
        builder.Property(k => k.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(k => k.Hash).HasColumnName("sha256").HasMaxLength(64);
        builder.Property(k => k.DisplayPrefix).HasColumnName("display_prefix").HasMaxLength(32);
        builder.Property(k => k.CreatedAt).HasColumnName("created_at");
        builder.Property(k => k.RevokedAt).HasColumnName("revoked_at");
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.AccountId);
        builder.Ignore(k => k.IsRevoked);
        builder.Ignore(k => k.DomainEvents);
    }
}
