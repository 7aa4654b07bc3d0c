using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using OmniaKey.Modules.Billing.Infrastructure.Leases;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>
/// Thousands of calls through the real gateway and its group commit, many at once, against a balance that runs low:
/// clients abort at random moments (streaming or not), the upstream fails at random (5xx, a stream that breaks, an
/// error inside the stream). Afterwards no hold is left, the ledger balances, and what the usage charged is exactly
/// what left the balance. The seed is in every failure message; set <c>OMNIAKEY_TEST_SEED</c> to replay one.
/// </summary>
public abstract class GroupCommitGatewayTests<TFixture>(TFixture fixture, ITestOutputHelper output) : GatewayTestBase<TFixture>(fixture)
    where TFixture : GroupCommitGatewayFixture
{
    private const int Concurrency = 64;

    protected abstract int Calls { get; }

    [Fact]
    public async Task Calls_with_random_client_aborts_and_upstream_failures_leave_no_hold_and_an_exact_ledger()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OMNIAKEY_TEST_SEED"), out var fixedSeed) ? fixedSeed : Environment.TickCount;
        var context = $"seed {seed} (OMNIAKEY_TEST_SEED={seed} replays it)";
        var random = new Random(seed);
        var initial = Money.Parse("0.5");
        await Admin.CreditAsync(AccountId, initial.ToString());
        var plans = Enumerable.Range(0, Calls).Select(_ => CallPlan.Draw(random)).ToList();
        foreach (var plan in plans)
        {
            Fixture.Upstream.Enqueue(plan.Upstream);
        }

        using var client = ApiClient();
        var outcomes = new string[Calls];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Calls),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, _) => outcomes[i] = await CallAsync(client, plans[i]));

        await WaitUntilNoHoldIsLeftAsync(context);
        output.WriteLine($"{context}: " + string.Join(", ", outcomes.GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));

        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.True(reserved == "0", $"{context}: {reserved} USD still reserved");
        var spent = initial - Money.Parse(available);
        Assert.False(Money.Parse(available).IsNegative, context);
        var (usageCharged, ledgerUsage, unrecorded) = await ReadAsync(async db => (
            (await db.UsageRecords.Select(u => u.Charged).ToListAsync()).Sum(m => m.NanoUsd),
            (await db.LedgerEntries.Where(e => e.Type == LedgerEntryType.Usage).Select(e => e.Amount).ToListAsync()).Sum(m => m.NanoUsd),
            await db.Reservations.CountAsync(r => !r.Id.StartsWith(Lease.IdPrefix) && !db.UsageRecords.Any(u => u.Id == r.Id))));
        Assert.True(spent.NanoUsd == usageCharged, $"{context}: {spent} USD left the balance, usage records charged {Money.FromNanoUsd(usageCharged)} USD");
        Assert.True(spent.NanoUsd == -ledgerUsage, $"{context}: {spent} USD left the balance, the ledger's usage entries say {Money.FromNanoUsd(-ledgerUsage)} USD");
        Assert.True(unrecorded == 0, $"{context}: {unrecorded} reservations have no usage record");
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            var totals = await scope.ServiceProvider.GetRequiredService<ILedgerRepository>().TotalsAsync(null, CancellationToken.None);
            Assert.All(totals, t => Assert.True(t.IsBalanced, $"{context}: account {t.AccountId}: ledger {t.LedgerSum}, balance {t.Balance}"));
        }

        Assert.Contains("200", outcomes);
        Assert.Contains("aborted", outcomes);
        Assert.True(Fixture.App.Services.GetRequiredService<GroupCommitReservations>().Counters.Fast > 0, $"{context}: the fast path never ran");
    }

    /// <summary>Sends the call, reads its body (a stream to its end), and aborts it at the planned moment; returns the outcome.</summary>
    private static async Task<string> CallAsync(HttpClient client, CallPlan plan)
    {
        using var abort = new CancellationTokenSource();
        if (plan.AbortAfter is { } after)
        {
            abort.CancelAfter(after);
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = new StringContent(plan.Body, Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abort.Token);
            await response.Content.ReadAsStringAsync(abort.Token);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return "aborted";
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return "broken";
        }
    }

    private async Task WaitUntilNoHoldIsLeftAsync(string context)
    {
        // An aborted client's call goes on in the gateway until it has settled; give those a moment (no clock moves).
        for (var i = 0; i < 400; i++)
        {
            if (await ReadAsync(db => db.Reservations.CountAsync(r => r.Status == ReservationStatus.Held)) == 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{context}: holds still open 20 s after the last call ended");
    }

    private async Task<T> ReadAsync<T>(Func<BillingDbContext, Task<T>> read)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<BillingDbContext>());
    }

    /// <summary>What one call does: streaming or not, its max_tokens (none: an up-to hold), when the client aborts, what the upstream does.</summary>
    private sealed record CallPlan(string Body, TimeSpan? AbortAfter, FakeBehavior Upstream)
    {
        public static CallPlan Draw(Random random)
        {
            var stream = random.Next(2) == 0;
            var body = new JsonObject
            {
                ["model"] = "gpt-4o",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            };
            if (random.Next(3) > 0)
            {
                body["max_tokens"] = random.Next(2) == 0 ? 50 : 1000;
            }

            if (stream)
            {
                body["stream"] = true;
                body["stream_options"] = new JsonObject { ["include_usage"] = random.Next(2) == 0 };
            }

            TimeSpan? abort = random.Next(4) == 0 ? TimeSpan.FromMilliseconds(random.Next(0, 15)) : null;
            var upstream = random.Next(20) switch
            {
                < 11 => new FakeBehavior(),
                < 13 => new FakeBehavior { Error = FakeError.ServerError },
                < 15 => new FakeBehavior { BreakAfterPieces = random.Next(0, 3) },
                < 17 => new FakeBehavior { StreamError = FakeError.ServerError, BreakAfterPieces = 1 },
                _ => new FakeBehavior { DelayBetweenPieces = TimeSpan.FromMilliseconds(2) },
            };
            return new CallPlan(body.ToJsonString(), abort, upstream);
        }
    }
}

/// <summary>A gateway whose channel breaker never opens on these tests' deliberate upstream failures, logging only warnings.</summary>
public abstract class GroupCommitGatewayFixture(DatabaseKind kind) : GatewayFixture(kind)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Routing:CircuitBreaker:FailureRatio"] = "1",
        ["Routing:CircuitBreaker:MinimumThroughput"] = "1000000",

        // Thousands of calls' per-request log lines would cost more time than the calls themselves.
        ["Logging:LogLevel:Default"] = "Warning",
    };
}

public sealed class PostgresGroupCommitGatewayFixture() : GroupCommitGatewayFixture(DatabaseKind.Postgres);

public sealed class SqliteGroupCommitGatewayFixture() : GroupCommitGatewayFixture(DatabaseKind.Sqlite);

public sealed class PostgresGroupCommitGatewayTests(PostgresGroupCommitGatewayFixture fixture, ITestOutputHelper output)
    : GroupCommitGatewayTests<PostgresGroupCommitGatewayFixture>(fixture, output), IClassFixture<PostgresGroupCommitGatewayFixture>
{
    protected override int Calls => 5000;
}

/// <summary>Fewer calls on SQLite, whose writers queue for one file: the same mix, in a fraction of the time.</summary>
public sealed class SqliteGroupCommitGatewayTests(SqliteGroupCommitGatewayFixture fixture, ITestOutputHelper output)
    : GroupCommitGatewayTests<SqliteGroupCommitGatewayFixture>(fixture, output), IClassFixture<SqliteGroupCommitGatewayFixture>
{
    protected override int Calls => 1000;
}
