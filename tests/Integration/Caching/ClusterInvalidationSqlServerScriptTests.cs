using Microsoft.SqlServer.TransactSql.ScriptDom;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using Xunit;

namespace OmniaKey.IntegrationTests.Caching;

/// <summary>
/// SQL Server cannot run here, so the hand-written T-SQL of its cluster invalidation signals is parsed (the table's
/// migration is parsed with every SQL Server migration in <c>MigrationsTests</c>).
/// </summary>
public sealed class ClusterInvalidationSqlServerScriptTests
{
    public static TheoryData<string, int> Statements() => new()
    {
        { SqlServerClusterInvalidation.CreateTableSql, 2 },
        { SqlServerClusterInvalidation.InsertSql, 1 },
        { SqlServerClusterInvalidation.StartSql, 1 },
        { SqlServerClusterInvalidation.PollSql, 1 },
        { SqlServerClusterInvalidation.CleanUpSql, 1 },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public void The_statement_parses_as_T_SQL_and_touches_only_the_signals_table(string sql, int statements)
    {
        using var reader = new StringReader(sql);
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"line {e.Line}: {e.Message}")));
        Assert.Equal(statements, ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).Count());
        Assert.Contains("messaging.cluster_invalidations", sql, StringComparison.Ordinal);
    }
}
