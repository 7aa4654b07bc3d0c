using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Usage;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>SQL Server cannot run here, so the spend-per-day query's T-SQL, built from the SQL Server model, is parsed.</summary>
public sealed partial class DailySpendSqlServerScriptTests(SqliteGatewayFixture fixture) : IClassFixture<SqliteGatewayFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public void The_spend_per_day_query_parses_as_T_SQL(int days)
    {
        using var scope = fixture.App.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<SqlServerBillingDbContext>().Model;

        // EF turns each {n} into a parameter @pn.
        var sql = Placeholder().Replace(SpendPerPeriodSql.Build(model, days), m => "@p" + m.Groups[1].Value);
        using var reader = new StringReader(sql);
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"line {e.Line}: {e.Message}")));
        Assert.Single(((TSqlScript)fragment).Batches.SelectMany(b => b.Statements));
        Assert.Contains("\"billing\".\"usage_records\"", sql, StringComparison.Ordinal);
        Assert.Contains($"< @p{days + 1})", sql, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
