using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OmniaKey.Domain.Money;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// Base of every module's DbContext. A module owns a schema (PostgreSQL, SQL Server) or, on SQLite, which has
/// no schemas, a table-name prefix. Each module has one sealed subclass per provider so that each provider keeps
/// its own migrations (docs/adr/0004-migrations-per-provider.md).
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The module's schema, e.g. <c>billing</c>; the SQLite table prefix is <c>billing_</c>.</summary>
    public abstract string Schema { get; }

    public static string HistoryTable(DatabaseProvider provider, string schema) =>
        provider == DatabaseProvider.Sqlite ? $"{schema}___ef_migrations_history" : "__ef_migrations_history";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset text; store UTC ticks so ranges and sorting work.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
        if (Database.IsSqlite())
        {
            foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.GetViewName() is null))
            {
                entity.SetTableName($"{Schema}_{entity.GetTableName()}");
            }
        }
        else
        {
            modelBuilder.HasDefaultSchema(Schema);
        }
    }

    /// <summary>Money as its whole nano-USD; public because the compiled models (docs/adr/0051) name it.</summary>
    public sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.NanoUsd, v => Money.FromNanoUsd(v));
}
