using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;

namespace OmniaKey.Infrastructure.Security.KeyRing;

/// <summary>
/// The Data Protection key ring of a multi-instance deployment, in its own <c>dataprotection</c> schema, so that every
/// instance on the database shares one ring (docs/adr/0034-shared-protected-key-ring.md). Each row is one key's XML,
/// its secret encrypted with the configured certificate. On SQLite the table is created like every schema's but stays
/// empty: a single-machine deployment keeps its file ring.
/// </summary>
internal abstract class KeyRingDbContext(DbContextOptions options) : ModuleDbContext(options), IDataProtectionKeyContext
{
    public const string SchemaName = "dataprotection";
    public const string TableName = "keys";

    public override string Schema => SchemaName;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Configured here rather than by an IEntityTypeConfiguration, which the other contexts of this assembly
        // would pick up; and not base.OnModelCreating, which applies theirs.
        modelBuilder.Entity<DataProtectionKey>(builder =>
        {
            builder.ToTable(Database.IsSqlite() ? $"{Schema}_{TableName}" : TableName);
            builder.HasKey(k => k.Id);
            builder.Property(k => k.Id).HasColumnName("id");
            builder.Property(k => k.FriendlyName).HasColumnName("friendly_name").HasMaxLength(200);
            builder.Property(k => k.Xml).HasColumnName("xml");
        });

        if (!Database.IsSqlite())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }
    }
}

internal sealed class SqliteKeyRingDbContext(DbContextOptions<SqliteKeyRingDbContext> options) : KeyRingDbContext(options);

internal sealed class PostgresKeyRingDbContext(DbContextOptions<PostgresKeyRingDbContext> options) : KeyRingDbContext(options);

internal sealed class SqlServerKeyRingDbContext(DbContextOptions<SqlServerKeyRingDbContext> options) : KeyRingDbContext(options);
