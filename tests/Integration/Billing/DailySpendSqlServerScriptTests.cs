using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Usage;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>SQL Server cannot run here, so the spend-per-day query's T-SQL, built from the SQL Server model, is parsed.</summary>
public sealed class DailySpendSqlServerScriptTests(SqliteGatewayFixture fixture) : IClassFixture<SqliteGatewayFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public void The_spend_per_day_query_parses_as_T_SQL(int days)
    {
        using var scope = fixture.App.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<SqlServerBillingDbContext>().Model;

        var sql = RawSqlServerSql.AssertParsesAsOneStatement(SpendPerPeriodSql.Build(model, days));

        Assert.Contains("\"billing\".\"usage_records\"", sql, StringComparison.Ordinal);
        Assert.Contains($"< @p{days + 1})", sql, StringComparison.Ordinal);
    }
}
