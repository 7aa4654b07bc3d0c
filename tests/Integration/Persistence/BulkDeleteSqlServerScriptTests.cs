using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;
using OmniaKey.Modules.Accounts.Infrastructure.Throttling;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Persistence;

/// <summary>
/// SQL Server cannot run here, so the clean-up jobs' bulk deletes are translated by EF's SQL Server provider (with the
/// connection and the command intercepted, nothing sent anywhere) and the T-SQL is parsed.
/// </summary>
public sealed class BulkDeleteSqlServerScriptTests
{
    [Fact]
    public async Task The_closed_reservations_purge_is_one_T_SQL_delete_of_the_top_rows()
    {
        var capture = new CommandCapture();
        await using var db = new SqlServerBillingDbContext(Options<SqlServerBillingDbContext>(capture));

        await StaleReservations.ClosedBefore(db.Reservations, DateTimeOffset.UtcNow, 10_000).ExecuteDeleteAsync();

        var delete = AssertOneDelete(capture);
        Assert.Contains("[billing].[reservations]", delete, StringComparison.Ordinal);
        Assert.Contains("TOP(", delete, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quiet_lockouts_clean_up_is_one_T_SQL_delete_of_the_top_rows()
    {
        var capture = new CommandCapture();
        await using var db = new SqlServerAccountsDbContext(Options<SqlServerAccountsDbContext>(capture));

        await LogInLockoutStore.Quiet(db.LogInLockouts, DateTimeOffset.UtcNow, 10_000).ExecuteDeleteAsync();

        var delete = AssertOneDelete(capture);
        Assert.Contains("[accounts].[log_in_lockouts]", delete, StringComparison.Ordinal);
        Assert.Contains("TOP(", delete, StringComparison.Ordinal);
    }

    private static DbContextOptions<TContext> Options<TContext>(CommandCapture capture)
        where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>()
            .UseSqlServer("Server=127.0.0.1,1;Database=never_opened;Encrypt=false")
            .AddInterceptors(capture)
            .Options;

    private static string AssertOneDelete(CommandCapture capture)
    {
        var sql = Assert.Single(capture.Commands);
        using var reader = new StringReader(sql);
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"line {e.Line}: {e.Message}")) + "\n" + sql);
        Assert.IsType<DeleteStatement>(Assert.Single(((TSqlScript)fragment).Batches.SelectMany(b => b.Statements)));
        return sql;
    }

    /// <summary>Pretends to open the connection and to run each command, keeping its text.</summary>
    private sealed class CommandCapture : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<string> Commands { get; } = [];

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }
    }
}
