using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Usage;
using Xunit;

namespace OmniaKey.IntegrationTests.Keys;

/// <summary>SQL Server cannot run here, so the key-spend query's T-SQL, built from the SQL Server model, is parsed.</summary>
public sealed class KeyUsageSqlServerScriptTests(SqliteGatewayFixture fixture) : IClassFixture<SqliteGatewayFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public void The_key_spend_query_parses_as_T_SQL(int keys)
    {
        using var scope = fixture.App.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<SqlServerBillingDbContext>().Model;

        var sql = RawSqlServerSql.AssertParsesAsOneStatement(UsageRepository.ChargedByKeySql(model, keys));

        Assert.Contains("\"billing\".\"usage_records\"", sql, StringComparison.Ordinal);
        Assert.Contains($"@p{keys})", sql, StringComparison.Ordinal);
    }
}
