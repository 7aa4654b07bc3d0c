using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// SQL Server cannot run here, so the group commit's T-SQL is at least parsed, for several batch sizes up to the
/// largest its parameter limit allows, and its usage columns are checked against the SQL Server model.
/// </summary>
public sealed partial class GroupCommitSqlServerScriptTests(SqliteGatewayFixture fixture) : IClassFixture<SqliteGatewayFixture>
{
    public static TheoryData<string, int> Scripts()
    {
        var data = new TheoryData<string, int>();
        foreach (var (kind, columns) in new[]
        {
            ("reserve", SqlServerStatements.ReserveColumns),
            ("reserve with budgets", SqlServerStatements.ReserveWithBudgetsColumns),
            ("settle", SqlServerStatements.SettleColumns),
            ("settle with key limits", SqlServerStatements.SettleWithBudgetsColumns),
            ("progress", SqlServerStatements.ProgressColumns),
        })
        {
            foreach (var rows in new[] { 1, 2, 17, SqlServerStatements.MaxRows(columns) })
            {
                data.Add(kind, rows);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_batch_script_parses_as_T_SQL_and_stays_under_the_parameter_limit(string kind, int rows)
    {
        var (script, columns) = kind switch
        {
            "reserve" => (SqlServerStatements.Reserve(rows), SqlServerStatements.ReserveColumns),
            "reserve with budgets" => (SqlServerStatements.ReserveWithBudgets(rows), SqlServerStatements.ReserveWithBudgetsColumns),
            "settle" => (SqlServerStatements.Settle(rows), SqlServerStatements.SettleColumns),
            "settle with key limits" => (SqlServerStatements.SettleWithKeyLimits(rows), SqlServerStatements.SettleWithBudgetsColumns),
            _ => (SqlServerStatements.Progress(rows), SqlServerStatements.ProgressColumns),
        };

        using var reader = new StringReader(script);
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"line {e.Line}: {e.Message}")));
        Assert.NotEmpty(((TSqlScript)fragment).Batches.SelectMany(b => b.Statements));
        var parameters = ParameterName().Matches(script).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Assert.Equal(rows * columns, parameters.Count(p => p.StartsWith("@p", StringComparison.Ordinal) && char.IsDigit(p[2])));
        Assert.True(parameters.Count < 2100, $"{parameters.Count} parameters");
    }

    [Fact]
    public void The_usage_columns_are_the_usage_table_s_columns()
    {
        using var scope = fixture.App.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<SqlServerBillingDbContext>().Model;
        var table = model.FindEntityType(typeof(UsageRecord))!;
        var columns = table.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal);

        Assert.Equal(columns, UsageColumns.All.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex ParameterName();
}
