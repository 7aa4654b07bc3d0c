using Npgsql;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// The billing batches' start-up warm-up on PostgreSQL (docs/adr/0051): it leaves the batch pool a connection for the
/// first call's batch and changes no row, and a batch on the warmed pool still works.
/// </summary>
public sealed class BillingBatchWarmupTests(PostgresBillingFixture fixture)
    : BillingTestBase<PostgresBillingFixture>(fixture), IClassFixture<PostgresBillingFixture>
{
    private const string ApplicationName = "omniakey-billing-warmup-test";

    [Fact]
    public async Task The_warmup_opens_a_batch_connection_and_changes_nothing_and_the_pool_still_serves_batches()
    {
        await Admin.CreditAsync(AccountId, "1");
        var before = await Customer.GetBalanceAsync();
        var rowsBefore = await RowCountsAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(GroupCommitRegistration.BatchConnectionString(Fixture.App.ConnectionString))
        {
            ApplicationName = ApplicationName,
        }.ConnectionString;
        await using var pool = NpgsqlDataSource.Create(connectionString);
        var sql = new PostgresBatchSql(pool);

        await sql.WarmAsync(CancellationToken.None);

        Assert.Equal(1, await ScalarAsync($"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '{ApplicationName}'"));
        Assert.Equal(before, await Customer.GetBalanceAsync());
        Assert.Equal(rowsBefore, await RowCountsAsync());

        await using var instance = new GroupCommitHarness(Fixture.App.Services, sql);
        var hold = Money.Parse("0.25");
        var held = await instance.Reservations.TryReserveUpToAsync(
            new ReservationRequest("warm-" + Guid.NewGuid().ToString("N"), AccountId, Guid.CreateVersion7(), "gpt-4o", "openai", hold, hold),
            CancellationToken.None);
        Assert.Equal(hold, held);
        Assert.Equal("0.25", (await Customer.GetBalanceAsync()).Reserved);
    }

    private async Task<(long Reservations, long Ledger, long Usage)> RowCountsAsync() => (
        await ScalarAsync("SELECT COUNT(*) FROM billing.reservations"),
        await ScalarAsync("SELECT COUNT(*) FROM billing.ledger_entries"),
        await ScalarAsync("SELECT COUNT(*) FROM billing.usage_records"));

    private async Task<long> ScalarAsync(string sql)
    {
        await using var db = new NpgsqlConnection(Fixture.App.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
