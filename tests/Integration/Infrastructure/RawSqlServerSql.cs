using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// SQL Server cannot run here, so hand-written T-SQL that EF sends as raw SQL (with <c>{n}</c> placeholders, which EF
/// turns into parameters <c>@pn</c>) is at least parsed.
/// </summary>
public static partial class RawSqlServerSql
{
    /// <summary>Parses <paramref name="efSql"/> as one T-SQL statement; returns it with EF's parameters as <c>@pn</c>.</summary>
    public static string AssertParsesAsOneStatement(string efSql)
    {
        var sql = Placeholder().Replace(efSql, m => "@p" + m.Groups[1].Value);
        using var reader = new StringReader(sql);
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"line {e.Line}: {e.Message}")));
        Assert.Single(((TSqlScript)fragment).Batches.SelectMany(b => b.Statements));
        return sql;
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
