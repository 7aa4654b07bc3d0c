using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Application.Balances;
using Xunit;
using Xunit.Abstractions;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>
/// Two instances of the service on one PostgreSQL database, 200 parallel calls split between them, against a balance
/// that covers about 50 holds: the available balance never goes below zero, every reservation ends settled (none
/// held, none left for the clean-up job), and the ledger sums to the balance.
/// </summary>
public sealed class TwoInstanceConcurrencyTests(TwoInstanceFixture fixture, ITestOutputHelper output)
    : GatewayTestBase<TwoInstanceFixture>(fixture), IClassFixture<TwoInstanceFixture>
{
    private const int Calls = 200;
    private const int HoldsCovered = 50;

    [Fact]
    public async Task Two_hundred_parallel_calls_on_two_instances_never_overspend_and_the_ledger_balances()
    {
        var body = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["max_tokens"] = 1000,
        }.ToJsonString();
        var hold = CostRounding.ToMoney(Gpt4oInput.ExactCostOf(Encoding.UTF8.GetByteCount(body)) + Gpt4oOutput.ExactCostOf(1000));
        var initial = Money.FromNanoUsd((hold.NanoUsd * HoldsCovered) + (hold.NanoUsd / 2));

        // Warm both instances' in-memory caches (key, account, catalogue, channels) with a call the empty balance
        // refuses, so that neither instance starts the race seconds behind the other.
        foreach (var app in new[] { Fixture.App, Fixture.Second })
        {
            using var client = app.CreateBearerClient(ApiKey);
            using var warmUp = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
            await warmUp.AssertStatusAsync(HttpStatusCode.PaymentRequired);
        }

        await Admin.CreditAsync(AccountId, initial.ToString());

        // Slow answers keep the first holds outstanding while the other calls try to reserve: the upstream answers
        // only when its clock moves, and that happens once every call has reached it or been refused.
        for (var i = 0; i < Calls; i++)
        {
            Fixture.Upstream.EnqueueDelay(TimeSpan.FromMilliseconds(1500));
        }

        var (statuses, lowest) = await RunWhileWatchingBalanceAsync(body);

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.PaymentRequired, $"unexpected {s}"));
        var succeeded = statuses.Count(s => s == HttpStatusCode.OK);
        output.WriteLine($"{succeeded} of {Calls} calls admitted; lowest available {lowest.Available} nano-USD, lowest reserved {lowest.Reserved}");
        Assert.InRange(succeeded, HoldsCovered, Calls - 1); // the first 50 holds always fit; the balance refused some
        Assert.True(lowest.Available >= 0 && lowest.Reserved >= 0, $"balance went negative: {lowest}");
        Assert.True(statuses.Where((_, i) => i % 2 == 1).Any(s => s == HttpStatusCode.OK), "the second instance served no call");

        // A response can end before its settlement commits (ADR 0019); a read on one instance waits only for that
        // instance's queue, so both instances' queued settlements are let through before the totals are checked.
        foreach (var app in new[] { Fixture.App, Fixture.Second })
        {
            await app.Services.GetRequiredService<IPendingSettlements>().WaitForAllAsync(CancellationToken.None);
        }

        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal("0", reserved);
        Assert.Equal(initial - Money.FromNanoUsd(CostOf(12, 5).NanoUsd * succeeded), Money.Parse(available));

        await using var db = new NpgsqlConnection(Fixture.App.ConnectionString);
        await db.OpenAsync();
        Assert.Equal(0, await PostgresBalanceWatch.ScalarAsync(db, "SELECT COUNT(*) FROM billing.reservations WHERE status <> 'Settled'"));
        Assert.Equal(succeeded, await PostgresBalanceWatch.ScalarAsync(db, "SELECT COUNT(*) FROM billing.reservations"));
        Assert.Equal(succeeded, await PostgresBalanceWatch.ScalarAsync(db, "SELECT COUNT(*) FROM billing.usage_records WHERE status = 'succeeded'"));
        Assert.Equal(initial.NanoUsd - Money.Parse(available).NanoUsd, await PostgresBalanceWatch.ScalarAsync(db, "SELECT COALESCE(SUM(charged_nano_usd), 0) FROM billing.usage_records"));

        foreach (var admin in new[] { Admin, Fixture.Second.CreateAdminClient() })
        {
            using var response = await admin.GetAsync($"/admin/v1/billing/reconciliation?account_id={AccountId}");
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var row = Assert.Single((await response.ReadJsonNodeAsync())["data"]!.AsArray())!;
            Assert.True(row["balanced"]!.GetValue<bool>(), row.ToJsonString());
            Assert.Equal(available, row["ledger_sum_usd"]!.GetValue<string>());
        }
    }

    /// <summary>
    /// Sends the calls, even ones to the first instance and odd ones to the second, while a watcher polls the balance
    /// row; returns every call's status and the lowest available and reserved the watcher saw. The upstream's clock
    /// moves on once every call is either waiting at the upstream or answered (refused), and again as long as
    /// calls are left, for any that reached the upstream just after a move.
    /// </summary>
    private async Task<(HttpStatusCode[] Statuses, (long Available, long Reserved) Lowest)> RunWhileWatchingBalanceAsync(string body)
    {
        using var done = new CancellationTokenSource();
        var watch = PostgresBalanceWatch.LowestAsync(Fixture.App.ConnectionString, AccountId, done.Token);
        var apps = new[] { Fixture.App, Fixture.Second };
        var answered = 0;
        HttpStatusCode[] statuses;
        try
        {
            var calls = Task.WhenAll(Enumerable.Range(0, Calls).Select(async i =>
            {
                using var client = apps[i % 2].CreateBearerClient(ApiKey);
                using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
                Interlocked.Increment(ref answered);
                return response.StatusCode;
            }));
            while (!calls.IsCompleted)
            {
                if (Fixture.Upstream.ChatRequests.Count + Volatile.Read(ref answered) >= Calls)
                {
                    Fixture.UpstreamClock.Advance(TimeSpan.FromMilliseconds(1500));
                }

                await Task.WhenAny(calls, Task.Delay(10));
            }

            statuses = await calls;
        }
        finally
        {
            await done.CancelAsync();
        }

        return (statuses, await watch);
    }
}

/// <summary>
/// The PostgreSQL gateway fixture plus a second instance of the app on the same database and fake upstream, with
/// its own connection pool, caches and Hangfire client — as a second process behind a load balancer would be.
/// </summary>
public sealed class TwoInstanceFixture() : GatewayFixture(DatabaseKind.Postgres)
{
    protected override bool WithSecondInstance => true;

    /// <summary>
    /// The race is about calls' own holds (its balance is below a lease's minimum anyway): no instance tries a balance
    /// lease at its start. Two instances that lend are <see cref="TwoInstanceLeaseTests"/>.
    /// </summary>
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Billing:Leases:Enabled"] = "false" };

    /// <summary>The fake upstream's own clock (the instances keep the real one): its scripted delays end when it moves.</summary>
    public FakeTimeProvider UpstreamClock { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Upstream.Clock = UpstreamClock;
    }
}
