using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Persistence;

/// <summary>Every module's model matches its migrations on every provider, and SQL Server migrations script.</summary>
public sealed class MigrationsTests(SqliteGatewayFixture fixture) : IClassFixture<SqliteGatewayFixture>
{
    public static TheoryData<string> ProviderContexts()
    {
        var data = new TheoryData<string>();
        foreach (var module in new[] { "Accounts", "Keys", "Billing", "Routing", "Compliance", "Policies" })
        {
            foreach (var provider in new[] { "Sqlite", "Postgres", "SqlServer" })
            {
                data.Add($"OmniaKey.Modules.{module}.Infrastructure.Persistence.{provider}{module}DbContext, OmniaKey.Modules.{module}");
            }
        }

        return data;
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
}
