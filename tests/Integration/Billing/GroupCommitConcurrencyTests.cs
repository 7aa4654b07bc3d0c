using Npgsql;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using Xunit;
using Xunit.Abstractions;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// Two group commits with their own connection pools — two instances — on one PostgreSQL database, hundreds of calls
/// reserving, recording progress and settling in parallel on one account that cannot cover them all: the balance
/// never goes below zero, every hold ends closed, and the ledger, the usage records and the balance agree.
/// </summary>
public sealed class GroupCommitConcurrencyTests(PostgresBillingFixture fixture, ITestOutputHelper output)
    : BillingTestBase<PostgresBillingFixture>(fixture), IClassFixture<PostgresBillingFixture>
{
    private const int Calls = 400;
    private static readonly Guid Key = Guid.CreateVersion7();

    [Fact]
    public async Task Two_instances_batching_hundreds_of_calls_on_one_account_never_overspend_and_the_ledger_balances()
    {
        var seed = Environment.TickCount;
        var initial = Money.Parse("4");
        await Admin.CreditAsync(AccountId, initial.ToString());
        await using var secondPool = NpgsqlDataSource.Create(GroupCommitRegistration.BatchConnectionString(Fixture.App.ConnectionString));
        await using var first = new GroupCommitHarness(Fixture.App.Services);
        await using var second = new GroupCommitHarness(Fixture.App.Services, new PostgresBatchSql(secondPool));
        var instances = new[] { first, second };

        using var done = new CancellationTokenSource();
        var watch = PostgresBalanceWatch.LowestAsync(Fixture.App.ConnectionString, AccountId, done.Token);
        var charged = await Task.WhenAll(Enumerable.Range(0, Calls).Select(i => Task.Run(() => CallAsync(instances[i % 2].Reservations, new Random(seed + i), i))));
        await done.CancelAsync();
        var lowest = await watch;

        var context = $"seed {seed}";
        Assert.True(lowest.Available >= 0 && lowest.Reserved >= 0, $"{context}: balance went negative: {lowest}");
        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal("0", reserved);
        var spent = initial - Money.Parse(available);
        Assert.Equal(Money.FromNanoUsd(charged.Sum(c => c.NanoUsd)), spent);
        await using var db = new NpgsqlConnection(Fixture.App.ConnectionString);
        await db.OpenAsync();
        Assert.Equal(0, await PostgresBalanceWatch.ScalarAsync(db, "SELECT COUNT(*) FROM billing.reservations WHERE status <> 'Settled'"));
        Assert.Equal(spent.NanoUsd, await PostgresBalanceWatch.ScalarAsync(db, "SELECT COALESCE(SUM(charged_nano_usd), 0) FROM billing.usage_records"));
        Assert.Equal(spent.NanoUsd, -await PostgresBalanceWatch.ScalarAsync(db, "SELECT COALESCE(SUM(amount_nano_usd), 0) FROM billing.ledger_entries WHERE type = 'Usage'"));
        Assert.Equal(await PostgresBalanceWatch.ScalarAsync(db, "SELECT COUNT(*) FROM billing.reservations"), await PostgresBalanceWatch.ScalarAsync(db, "SELECT COUNT(*) FROM billing.usage_records"));
        var reconciliation = await Admin.GetAsync($"/admin/v1/billing/reconciliation?account_id={AccountId}");
        Assert.Contains("\"balanced\":true", await reconciliation.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var instance in instances)
        {
            var counters = instance.Reservations.Counters;
            output.WriteLine($"{context}: {counters.Batches} batches, {counters.Fast} fast, {counters.Slow} slow, {counters.FailedBatches} failed");
            Assert.True(counters.Fast > 0, $"{context}: an instance never used its fast path");
            Assert.Equal(0, instance.Reservations.OutstandingHolds);
        }
    }

    /// <summary>One call: a hold of 10–50 milli-USD (at least a fifth of it), maybe progress, a cost up to 1.5× the hold.</summary>
    private async Task<Money> CallAsync(GroupCommitReservations reservations, Random random, int index)
    {
        var id = $"req_{index}_{Guid.NewGuid():N}";
        var desired = Money.FromNanoUsd(random.NextInt64(10_000_000, 50_000_000));
        var held = await reservations.TryReserveUpToAsync(
            new ReservationRequest(id, AccountId, Key, "gpt-4o", "openai", desired, Money.FromNanoUsd(desired.NanoUsd / 5)),
            CancellationToken.None);
        if (held is not { } hold)
        {
            return Money.Zero;
        }

        var cost = Money.FromNanoUsd(random.NextInt64(0, (hold.NanoUsd * 3 / 2) + 1));
        if (random.Next(4) == 0)
        {
            await reservations.RecordProgressAsync(Settlement(id, Money.FromNanoUsd(cost.NanoUsd / 2), "in_progress"), CancellationToken.None);
        }

        return await reservations.SettleAsync(Settlement(id, cost, "succeeded"), CancellationToken.None);
    }

    private CallSettlement Settlement(string id, Money cost, string status) =>
        new(id, AccountId, Key, "gpt-4o", "openai", new TokenUsage(100, 10, 0, 0, 0), cost, 7, status, "reported");
}
