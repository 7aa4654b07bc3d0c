using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Compliance.Domain.Decisions;

namespace OmniaKey.Modules.Compliance.Infrastructure.Persistence;

internal abstract class ComplianceDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "compliance";

    public override string Schema => SchemaName;

    public DbSet<AccessDecision> Decisions => Set<AccessDecision>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AccessDecision>(b =>
        {
            b.ToTable("access_decisions");
            b.HasKey(d => d.Id);
            b.Property(d => d.Country).HasMaxLength(2);
            b.Property(d => d.Source).HasMaxLength(32);
            b.Property(d => d.Reason).HasMaxLength(500);
            b.HasIndex(d => new { d.AccountId, d.DecidedAt });
        });
        base.OnModelCreating(modelBuilder);
    }
}

internal sealed class SqliteComplianceDbContext(DbContextOptions<SqliteComplianceDbContext> options) : ComplianceDbContext(options);

internal sealed class PostgresComplianceDbContext(DbContextOptions<PostgresComplianceDbContext> options) : ComplianceDbContext(options);

internal sealed class SqlServerComplianceDbContext(DbContextOptions<SqlServerComplianceDbContext> options) : ComplianceDbContext(options);
