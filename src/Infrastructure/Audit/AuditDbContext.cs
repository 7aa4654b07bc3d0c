using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Infrastructure.Security.AdminTokens;

namespace OmniaKey.Infrastructure.Audit;

/// <summary>
/// The admin audit trail and the named admin tokens whose names it records as actors, in their own <c>audit</c> schema
/// (on SQLite the table prefix <c>audit_</c>): who may act and what they did. It belongs to no module: every admin
/// route of every module is recorded here, in the admin command's own transaction when there is one (the scope's
/// connection is shared, like the outbox's).
/// </summary>
internal abstract class AuditDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "audit";

    public override string Schema => SchemaName;

    public DbSet<AuditEntry> Entries => Set<AuditEntry>();

    public DbSet<AdminToken> AdminTokens => Set<AdminToken>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Configured here rather than by an IEntityTypeConfiguration, which the messaging context (same assembly)
        // would pick up.
        modelBuilder.Entity<AuditEntry>(builder =>
        {
            builder.ToTable("admin_actions");
            builder.HasKey(e => e.Id);
            builder.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
            builder.Property(e => e.OccurredAt).HasColumnName("occurred_at");
            builder.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(100);
            builder.Property(e => e.Action).HasColumnName("action").HasMaxLength(100);
            builder.Property(e => e.Method).HasColumnName("method").HasMaxLength(10);
            builder.Property(e => e.Path).HasColumnName("path").HasMaxLength(500);
            builder.Property(e => e.TargetType).HasColumnName("target_type").HasMaxLength(50);
            builder.Property(e => e.TargetId).HasColumnName("target_id").HasMaxLength(100);
            builder.Property(e => e.Parameters).HasColumnName("parameters");
            builder.Property(e => e.Before).HasColumnName("before");
            builder.Property(e => e.After).HasColumnName("after");
            builder.Property(e => e.Result).HasColumnName("result").HasMaxLength(16);
            builder.Property(e => e.StatusCode).HasColumnName("status_code");
            builder.Property(e => e.ErrorCode).HasColumnName("error_code").HasMaxLength(100);
            builder.Property(e => e.RequestId).HasColumnName("request_id").HasMaxLength(100);

            // The list's filters, each newest first.
            builder.HasIndex(e => new { e.OccurredAt, e.Id });
            builder.HasIndex(e => new { e.Actor, e.OccurredAt });
            builder.HasIndex(e => new { e.Action, e.OccurredAt });
            builder.HasIndex(e => new { e.TargetId, e.OccurredAt });
        });

        modelBuilder.Entity<AdminToken>(builder =>
        {
            builder.ToTable("admin_tokens");
            builder.HasKey(t => t.Id);
            builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
            builder.Property(t => t.Name).HasColumnName("name").HasMaxLength(64);
            builder.Property(t => t.Prefix).HasColumnName("prefix").HasMaxLength(20);
            builder.Property(t => t.SecretHash).HasColumnName("secret_hash").HasMaxLength(32);
            builder.Property(t => t.CreatedAt).HasColumnName("created_at");
            builder.Property(t => t.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
            builder.Property(t => t.RevokedAt).HasColumnName("revoked_at");
            builder.Property(t => t.RevokedBy).HasColumnName("revoked_by").HasMaxLength(100);
            builder.HasIndex(t => t.Name).IsUnique();
            builder.HasIndex(t => t.SecretHash).IsUnique();
        });

        // Not base.OnModelCreating: it applies every configuration in this assembly, messaging's outbox and inbox too.
        // The schema rule is the same as every module's (ModuleDbContext).
        if (Database.IsSqlite())
        {
            modelBuilder.Entity<AuditEntry>().ToTable($"{Schema}_admin_actions");
            modelBuilder.Entity<AdminToken>().ToTable($"{Schema}_admin_tokens");
        }
        else
        {
            modelBuilder.HasDefaultSchema(Schema);
        }
    }
}

internal sealed class SqliteAuditDbContext(DbContextOptions<SqliteAuditDbContext> options) : AuditDbContext(options);

internal sealed class PostgresAuditDbContext(DbContextOptions<PostgresAuditDbContext> options) : AuditDbContext(options);

internal sealed class SqlServerAuditDbContext(DbContextOptions<SqlServerAuditDbContext> options) : AuditDbContext(options);
