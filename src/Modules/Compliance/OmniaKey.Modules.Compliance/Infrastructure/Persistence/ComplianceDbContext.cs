using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Compliance.Domain.Decisions;
using OmniaKey.Modules.Compliance.Domain.Reviews;

namespace OmniaKey.Modules.Compliance.Infrastructure.Persistence;

internal abstract class ComplianceDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "compliance";

    public override string Schema => SchemaName;

    public DbSet<AccessDecision> Decisions => Set<AccessDecision>();

    public DbSet<ComplianceReview> Reviews => Set<ComplianceReview>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AccessDecision>(b =>
        {
            b.ToTable("access_decisions");
            b.HasKey(d => d.Id);
            b.Property(d => d.Surface).HasMaxLength(16);
            b.Property(d => d.Outcome).HasMaxLength(8);
            b.Property(d => d.Country).HasMaxLength(2);
            b.Property(d => d.Signal).HasMaxLength(32);
            b.Property(d => d.Ip).HasMaxLength(45);
            b.Property(d => d.IpCountry).HasMaxLength(2);
            b.Property(d => d.DeclaredCountry).HasMaxLength(2);
            b.Property(d => d.CardCountry).HasMaxLength(2);
            b.Property(d => d.Reference).HasMaxLength(300);

            // The log is read newest first, overall or per account (keyset on created_at, id).
            b.HasIndex(d => new { d.CreatedAt, d.Id });
            b.HasIndex(d => new { d.AccountId, d.CreatedAt, d.Id });
            b.HasIndex(d => d.Reference).IsUnique();
        });
        modelBuilder.Entity<ComplianceReview>(b =>
        {
            b.ToTable("reviews");
            b.HasKey(r => r.Id);
            b.Property(r => r.Status).HasMaxLength(16);
            b.Property(r => r.Country).HasMaxLength(2);
            b.Property(r => r.Signal).HasMaxLength(32);
            b.Property(r => r.Reason).HasMaxLength(500);
            b.Property(r => r.ResolvedBy).HasMaxLength(100);
            b.Property(r => r.ResolutionNote).HasMaxLength(1000);
            b.HasIndex(r => new { r.Status, r.OpenedAt, r.Id });
            b.HasIndex(r => r.AccountId);
        });
        base.OnModelCreating(modelBuilder);
    }
}

internal sealed class SqliteComplianceDbContext(DbContextOptions<SqliteComplianceDbContext> options) : ComplianceDbContext(options);

internal sealed class PostgresComplianceDbContext(DbContextOptions<PostgresComplianceDbContext> options) : ComplianceDbContext(options);

internal sealed class SqlServerComplianceDbContext(DbContextOptions<SqlServerComplianceDbContext> options) : ComplianceDbContext(options);
