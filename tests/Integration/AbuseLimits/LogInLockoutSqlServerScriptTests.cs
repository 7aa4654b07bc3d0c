using Microsoft.SqlServer.TransactSql.ScriptDom;
using OmniaKey.Modules.Accounts.Infrastructure.Throttling;
using Xunit;

namespace OmniaKey.IntegrationTests.AbuseLimits;

/// <summary>SQL Server cannot run here, so the lock-out's hand-written T-SQL (its one insert) is parsed.</summary>
public sealed class LogInLockoutSqlServerScriptTests
{
    [Fact]
    public void The_ensure_row_statement_parses_as_one_guarded_insert_into_the_lockout_table()
    {
        using var reader = new StringReader(LogInLockoutStore.SqlServerEnsureRowSql.Replace("{0}", "@p0", StringComparison.Ordinal));
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"line {e.Line}: {e.Message}")));
        var insert = Assert.IsType<InsertStatement>(Assert.Single(((TSqlScript)fragment).Batches.SelectMany(b => b.Statements)));
        var target = Assert.IsType<NamedTableReference>(insert.InsertSpecification.Target);
        Assert.Equal("accounts", target.SchemaObject.SchemaIdentifier.Value);
        Assert.Equal("log_in_lockouts", target.SchemaObject.BaseIdentifier.Value);
        Assert.Equal(3, insert.InsertSpecification.Columns.Count);
    }
}
