using System.Net;
using Npgsql;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>Tries to overspend: many parallel calls against a balance that covers only a few of them.</summary>
public sealed class ConcurrentBillingTests(PostgresGatewayFixture fixture)
    : GatewayTestBase<PostgresGatewayFixture>(fixture), IClassFixture<PostgresGatewayFixture>
{
    [Fact]
    public async Task Fifty_parallel_calls_against_a_balance_covering_ten_never_overspend_and_usage_adds_up()
    {
        var body = ChatCompletionsTests<PostgresGatewayFixture>.ChatBodyFor(maxTokens: 1000);
        var bodyBytes = System.Text.Encoding.UTF8.GetByteCount(body.ToJsonString());
        var hold = CostRounding.ToMoney(Gpt4oInput.ExactCostOf(bodyBytes) + Gpt4oOutput.ExactCostOf(1000));
        var initial = Money.FromNanoUsd(hold.NanoUsd * 10);
        await Admin.CreditAsync(AccountId, initial.ToString());

        // Slow answers keep every hold outstanding while the other calls try to reserve.
        Fixture.Upstream.DelayBetweenPieces = TimeSpan.FromMilliseconds(50);
        var calls = Enumerable.Range(0, 50).Select(async _ =>
        {
            using var client = ApiClient();
            using var response = await client.PostAsync("/v1/chat/completions", ChatCompletionsTests<PostgresGatewayFixture>.Json(body));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(calls);

        var succeeded = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.PaymentRequired, $"unexpected {s}"));
        Assert.InRange(succeeded, 10, 50);

        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal("0", reserved);
        Assert.Equal(initial - Money.FromNanoUsd(CostOf(12, 5).NanoUsd * succeeded), Money.Parse(available));
        Assert.False(Money.Parse(available).IsNegative);

        await using var db = new NpgsqlConnection(Fixture.App.ConnectionString);
        await db.OpenAsync();
        var charged = await ScalarAsync(db, "SELECT COALESCE(SUM(charged_nano_usd), 0) FROM billing.usage_records");
        var ledger = await ScalarAsync(db, "SELECT COALESCE(SUM(amount_nano_usd), 0) FROM billing.ledger_entries");
        var open = await ScalarAsync(db, "SELECT COUNT(*) FROM billing.reservations WHERE status = 'Held'");
        var records = await ScalarAsync(db, "SELECT COUNT(*) FROM billing.usage_records");
        Assert.Equal(initial.NanoUsd - Money.Parse(available).NanoUsd, charged);
        Assert.Equal(Money.Parse(available).NanoUsd, ledger);
        Assert.Equal(0, open);
        Assert.Equal(succeeded, records);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
