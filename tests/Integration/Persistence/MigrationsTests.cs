using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Persistence;

/// <summary>Every module's model matches its migrations on every provider, and SQL Server migrations script.</summary>
public sealed class MigrationsTests(SqliteGatewayFixture fixture) : IClassFixture<SqliteGatewayFixture>
{
    /// <summary>
    /// The provider-specific DbContexts (<c>Sqlite…</c>, <c>Postgres…</c>, <c>SqlServer…</c>) of every module the app is
    /// built from, found by reflection over the <c>OmniaKey.Modules.*</c> assemblies the Api references, and of the
    /// shared infrastructure's messaging and audit schemas.
    /// </summary>
    private static readonly Lazy<IReadOnlyList<Type>> ProviderContextTypes = new(() =>
    [
        .. typeof(Program).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name?.StartsWith("OmniaKey.Modules.", StringComparison.Ordinal) == true)
            .Select(Assembly.Load)
            .Append(typeof(ModuleDbContext).Assembly) // the shared messaging (outbox and inbox) and audit schemas
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(ModuleDbContext)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ]);

    public static TheoryData<string> ProviderContexts() =>
        new(ProviderContextTypes.Value.Select(t => $"{t.FullName}, {t.Assembly.GetName().Name}"));

    [Fact]
    public void Every_registered_module_database_has_one_context_per_provider_and_no_context_is_left_out()
    {
        var modules = fixture.App.Services.GetServices<ModuleDatabase>().ToList();

        Assert.NotEmpty(modules);
        foreach (var module in modules)
        {
            var contexts = ProviderContextTypes.Value.Where(module.ContextType.IsAssignableFrom).Select(t => t.Name).Order(StringComparer.Ordinal);
            Assert.Equal(Enum.GetNames<DatabaseProvider>().Select(p => p + module.ContextType.Name).Order(StringComparer.Ordinal), contexts);
        }

        Assert.All(ProviderContextTypes.Value, t => Assert.Contains(modules, m => m.ContextType.IsAssignableFrom(t)));
    }

    [Theory]
    [MemberData(nameof(ProviderContexts))]
    public void Model_has_no_changes_missing_from_migrations(string contextType)
    {
        using var scope = fixture.App.Services.CreateScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(Type.GetType(contextType, throwOnError: true)!);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), $"{contextType} has model changes without a migration; run scripts/add-migration.sh");
    }

    [Theory]
    [MemberData(nameof(ProviderContexts))]
    public void Migrations_produce_a_sql_script(string contextType)
    {
        using var scope = fixture.App.Services.CreateScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(Type.GetType(contextType, throwOnError: true)!);
        var script = context.GetService<IMigrator>().GenerateScript();
        Assert.Contains("CREATE TABLE", script, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>SQL Server cannot run here, so its migration scripts are at least parsed as T-SQL, batch by batch.</summary>
    [Theory]
    [MemberData(nameof(SqlServerContexts))]
    public void SqlServer_migration_scripts_parse_as_T_SQL(string contextType)
    {
        using var scope = fixture.App.Services.CreateScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(Type.GetType(contextType, throwOnError: true)!);
        var script = context.GetService<IMigrator>().GenerateScript();

        using var reader = new StringReader(script);
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"line {e.Line}: {e.Message}")));
        var statements = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).ToList();
        Assert.Contains(statements, s => s is CreateTableStatement);
    }

    public static TheoryData<string> SqlServerContexts() =>
        new(ProviderContextTypes.Value.Where(t => t.Name.StartsWith("SqlServer", StringComparison.Ordinal)).Select(t => $"{t.FullName}, {t.Assembly.GetName().Name}"));
}
