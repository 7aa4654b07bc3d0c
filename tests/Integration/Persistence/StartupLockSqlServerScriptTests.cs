using Microsoft.SqlServer.TransactSql.ScriptDom;
using OmniaKey.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Persistence;

/// <summary>SQL Server cannot run here, so the start-up lock's hand-written T-SQL is parsed.</summary>
public sealed class StartupLockSqlServerScriptTests
{
    public static TheoryData<string, string> Statements() => new()
    {
        { StartupLock.SqlServerAcquireSql, "sp_getapplock" },
        { StartupLock.SqlServerReleaseSql, "sp_releaseapplock" },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public void The_statement_parses_as_one_T_SQL_procedure_call(string sql, string procedure)
    {
        using var reader = new StringReader(sql);
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"line {e.Line}: {e.Message}")));
        var statement = Assert.IsType<ExecuteStatement>(Assert.Single(((TSqlScript)fragment).Batches.SelectMany(b => b.Statements)));
        var call = Assert.IsType<ExecutableProcedureReference>(statement.ExecuteSpecification.ExecutableEntity);
        Assert.Equal(procedure, call.ProcedureReference.ProcedureReference.Name.BaseIdentifier.Value);
        Assert.Contains(call.Parameters, p => p.Variable.Name == "@LockOwner");
    }
}
