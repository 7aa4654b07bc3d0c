using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using OmniaKey.Modules.Billing.Application.Reservations.PurgeClosedReservations;
using OmniaKey.Modules.Billing.Application.Reservations.ReleaseStaleReservations;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Jobs;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// The life of a hold after its call went wrong: settlement happens once per request id; a hold whose process died
/// is released by the job <c>billing.release-stale-reservations</c> after its TTL (charging recorded partial usage,
/// if any); a call that turns out alive after all settles only what the job did not charge; the ledger balances.
/// </summary>
public abstract class StaleReservationTests<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture)
    where TFixture : StaleReservationFixture
{
    private static readonly Guid KeyId = Guid.NewGuid();

    [Fact]
    public async Task Settlement_is_idempotent_on_the_request_id()
    {
        await Admin.CreditAsync(AccountId, "1");
        await ReserveAsync("req_twice", "0.3");

        var first = await SettleAsync("req_twice", "0.1");
        var second = await SettleAsync("req_twice", "0.1");

        Assert.Equal(Money.Parse("0.1"), first);
        Assert.Equal(Money.Zero, second);
        Assert.Equal(Money.Parse("0.9"), await AvailableAsync());
        Assert.Single(await LedgerOfTypeAsync("usage"));
        Assert.Single(await UsageAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_hold_lives_for_the_configured_ttl_and_the_job_leaves_it_alone_until_then()
    {
        await Admin.CreditAsync(AccountId, "1");
        await ReserveAsync("req_young", "0.3");

        var released = await ReleaseStaleAsync();

        Assert.Equal(0, released.Released);
        var reservation = await WithBillingDbAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.Id == "req_young"));
        Assert.Equal(TimeSpan.FromSeconds(StaleReservationFixture.TimeToLiveSeconds), reservation.ExpiresAt - reservation.CreatedAt);
        Assert.Equal(ReservationStatus.Held, reservation.Status);
        Assert.Equal(("gpt-4o", "openai"), (reservation.Model, reservation.Provider));
        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal(("0.7", "0.3"), (available, reserved));
    }

    [Fact]
    public async Task A_hold_whose_process_died_is_released_in_full_by_the_job_and_the_ledger_balances()
    {
        await Admin.CreditAsync(AccountId, "1");
        await ReserveAsync("req_died", "0.3");
        await ExpireHoldsAsync();

        await RunJobAsync();

        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal(("1", "0"), (available, reserved));
        Assert.Empty(await LedgerOfTypeAsync("usage"));
        var record = Assert.Single(await UsageAsync());
        Assert.Equal("req_died", record["id"]!.GetValue<string>());
        Assert.Equal("expired", record["status"]!.GetValue<string>());
        Assert.Equal("none", record["usage_source"]!.GetValue<string>());
        Assert.Equal("gpt-4o", record["model"]!.GetValue<string>());
        Assert.Equal("0", record["charged_usd"]!.GetValue<string>());
        Assert.Equal(ReservationStatus.Expired, await StatusOfAsync("req_died"));
        Assert.Equal(0, (await ReleaseStaleAsync()).Released);
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task An_expired_hold_with_recorded_partial_usage_is_charged_for_that_usage()
    {
        await Admin.CreditAsync(AccountId, "1");
        await ReserveAsync("req_partial", "0.3");
        await RecordProgressAsync("req_partial", "0.05");
        Assert.Equal("in_progress", Assert.Single(await UsageAsync())["status"]!.GetValue<string>());
        await ExpireHoldsAsync();

        var released = await ReleaseStaleAsync();

        Assert.Equal(new StaleReservationsReleasedDto(1, 1), released);
        Assert.Equal(Money.Parse("0.95"), await AvailableAsync());
        Assert.Equal("-0.05", Assert.Single(await LedgerOfTypeAsync("usage"))["amount_usd"]!.GetValue<string>());
        var record = Assert.Single(await UsageAsync());
        Assert.Equal(("expired", "estimated"), (record["status"]!.GetValue<string>(), record["usage_source"]!.GetValue<string>()));
        Assert.Equal(("0.05", "0.05"), (record["cost_usd"]!.GetValue<string>(), record["charged_usd"]!.GetValue<string>()));
        Assert.Equal(400, record["output_tokens"]!.GetValue<long>());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_settlement_after_the_job_released_takes_only_what_the_job_did_not_charge_and_only_once()
    {
        await Admin.CreditAsync(AccountId, "1");
        await ReserveAsync("req_late", "0.3");
        await RecordProgressAsync("req_late", "0.05");
        await ExpireHoldsAsync();
        await ReleaseStaleAsync();

        var late = await SettleAsync("req_late", "0.08");
        var again = await SettleAsync("req_late", "0.08");

        Assert.Equal(Money.Parse("0.03"), late);
        Assert.Equal(Money.Zero, again);
        Assert.Equal(Money.Parse("0.92"), await AvailableAsync());
        Assert.Equal(["-0.03", "-0.05"], (await LedgerOfTypeAsync("usage")).Select(e => e["amount_usd"]!.GetValue<string>()));
        var record = Assert.Single(await UsageAsync());
        Assert.Equal("succeeded", record["status"]!.GetValue<string>());
        Assert.Equal(("0.08", "0.08"), (record["cost_usd"]!.GetValue<string>(), record["charged_usd"]!.GetValue<string>()));
        Assert.Equal(ReservationStatus.Settled, await StatusOfAsync("req_late"));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_late_settlement_of_a_hold_released_in_full_charges_its_cost_once_never_below_zero()
    {
        await Admin.CreditAsync(AccountId, "0.5");
        await ReserveAsync("req_alive", "0.3");
        await ExpireHoldsAsync();
        await ReleaseStaleAsync();

        // Meanwhile another call spends most of the balance; the late cost is then capped at what is left.
        await ReserveAsync("req_other", "0.45");
        await SettleAsync("req_other", "0.45");
        var late = await SettleAsync("req_alive", "0.2");

        Assert.Equal(Money.Parse("0.05"), late);
        Assert.Equal(Money.Zero, await AvailableAsync());
        var usage = await UsageAsync();
        var alive = usage.Single(u => u["id"]!.GetValue<string>() == "req_alive");
        Assert.Equal(("0.2", "0.05"), (alive["cost_usd"]!.GetValue<string>(), alive["charged_usd"]!.GetValue<string>()));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_call_whose_process_dies_before_settling_leaves_a_hold_that_the_job_releases()
    {
        await Admin.CreditAsync(AccountId, "1");
        using var keys = await Customer.PostJsonAsync("/api/v1/keys", new { name = "doomed" });
        var key = (await keys.ReadJsonNodeAsync())["key"]!.GetValue<string>();
        using var api = Fixture.App.CreateBearerClient(key);
        var body = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["max_tokens"] = 100,
        };

        Fixture.Crash.Armed = true; // the upstream answers, then the process "dies" before it can settle
        try
        {
            using var response = await api.PostAsync("/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            Fixture.Crash.Armed = false;
        }

        var (_, reserved) = await Customer.GetBalanceAsync();
        Assert.True(Money.Parse(reserved).IsPositive, "the dead call's hold should still be held");
        await ExpireHoldsAsync();
        await RunJobAsync();

        var (available, reservedAfter) = await Customer.GetBalanceAsync();
        Assert.Equal(("1", "0"), (available, reservedAfter));
        var record = Assert.Single(await UsageAsync());
        Assert.Equal(("expired", "gpt-4o", "openai"), (record["status"]!.GetValue<string>(), record["model"]!.GetValue<string>(), record["provider"]!.GetValue<string>()));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_client_that_aborts_mid_flight_is_charged_the_reported_usage_and_leaves_nothing_for_the_job()
    {
        await Admin.CreditAsync(AccountId, "1");
        using var keys = await Customer.PostJsonAsync("/api/v1/keys", new { name = "impatient" });
        var key = (await keys.ReadJsonNodeAsync())["key"]!.GetValue<string>();
        using var api = Fixture.App.CreateBearerClient(key);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Fixture.Upstream.Enqueue(new FakeBehavior { AnswerWhen = answer.Task }); // generating until the test says
        var body = """{"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}],"max_tokens":100}""";

        using var abort = new CancellationTokenSource();
        var call = api.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), abort.Token);
        await WaitUntilAsync(() => Task.FromResult(Fixture.Upstream.ChatRequests.Count == 1)); // mid-flight: the hold is taken
        await abort.CancelAsync();
        answer.SetResult(); // the upstream finishes anyway, and bills us 12 + 5 tokens
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        await WaitUntilAsync(async () => (await Customer.GetBalanceAsync()).Reserved == "0");
        Assert.Equal(Money.Parse("1") - Money.Parse("0.00008"), await AvailableAsync()); // gpt-4o: 12 × $2.50/M + 5 × $10/M
        await ExpireHoldsAsync();
        Assert.Equal(0, (await ReleaseStaleAsync()).Released);
        var record = Assert.Single(await UsageAsync());
        Assert.Equal(("client_cancelled", "reported"), (record["status"]!.GetValue<string>(), record["usage_source"]!.GetValue<string>()));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Concurrent_runs_of_the_job_release_each_hold_exactly_once()
    {
        await Admin.CreditAsync(AccountId, "1");
        for (var i = 0; i < 20; i++)
        {
            await ReserveAsync($"req_stale_{i:00}", "0.01");
        }

        await RecordProgressAsync("req_stale_07", "0.004");
        await ExpireHoldsAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ReleaseStaleAsync()));

        Assert.Equal(20, runs.Sum(r => r.Released));
        Assert.Equal(1, runs.Sum(r => r.SettledFromRecordedUsage));
        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal(("0.996", "0"), (available, reserved));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public void The_job_is_scheduled_every_minute_under_its_stable_id()
    {
        RecurringJobs.AssertScheduled<ReleaseStaleReservationsJob>(Fixture.App.Services, ReleaseStaleReservationsJob.Id, "* * * * *");
    }

    [Fact]
    public async Task The_purge_deletes_rows_closed_a_week_ago_and_keeps_held_and_recent_ones()
    {
        await Admin.CreditAsync(AccountId, "1");
        foreach (var id in new[] { "req_old_settled", "req_old_expired", "req_old_held", "req_recent_settled" })
        {
            await ReserveAsync(id, "0.1");
        }

        await SettleAsync("req_old_settled", "0.05");
        await SettleAsync("req_recent_settled", "0.05");
        await WithBillingDbAsync(db => db.Reservations.Where(r => r.Id == "req_old_expired")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        Assert.Equal(1, (await ReleaseStaleAsync()).Released);

        // A week and a minute later for the three old rows (one of them still held: the purge leaves it to the clean-up job).
        var longAgo = DateTimeOffset.UtcNow - TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
        await WithBillingDbAsync(db => db.Reservations.Where(r => r.Id.StartsWith("req_old_"))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, longAgo)));

        var purged = await WithServiceAsync<IDispatcher, int>(d => d.Send(new PurgeClosedReservationsCommand()));

        Assert.Equal(2, purged);
        var left = await WithBillingDbAsync(db => db.Reservations.AsNoTracking().Where(r => r.AccountId == AccountId).Select(r => r.Id).ToListAsync());
        Assert.Equal(["req_old_held", "req_recent_settled"], left.Order(StringComparer.Ordinal));

        // A duplicate of a purged call's settlement finds no row and charges nothing.
        Assert.Equal(Money.Zero, await SettleAsync("req_old_settled", "0.05"));
        Assert.Equal(2, (await LedgerOfTypeAsync("usage")).Count);
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public void The_purge_is_scheduled_hourly_under_its_stable_id()
    {
        RecurringJobs.AssertScheduled<PurgeClosedReservationsJob>(Fixture.App.Services, PurgeClosedReservationsJob.Id, "41 * * * *");
    }

    private Task<Money?> ReserveAsync(string requestId, string hold) =>
        WithServiceAsync<IBalanceReservations, Money?>(r => r.TryReserveUpToAsync(
            new ReservationRequest(requestId, AccountId, KeyId, "gpt-4o", "openai", Money.Parse(hold), Money.Parse(hold)),
            CancellationToken.None));

    private Task<Money> SettleAsync(string requestId, string cost) =>
        WithServiceAsync<IBalanceReservations, Money>(r => r.SettleAsync(Call(requestId, cost, "succeeded", "reported"), CancellationToken.None));

    private Task<bool> RecordProgressAsync(string requestId, string cost) =>
        WithServiceAsync<IBalanceReservations, bool>(async r =>
        {
            await r.RecordProgressAsync(Call(requestId, cost, "in_progress", "estimated"), CancellationToken.None);
            return true;
        });

    private CallSettlement Call(string requestId, string cost, string status, string source) =>
        new(requestId, AccountId, KeyId, "gpt-4o", "openai", new TokenUsage(1000, 400, 0, 0, 0), Money.Parse(cost), 1200, status, source);

    /// <summary>Time passes: every hold of the customer is now past its TTL.</summary>
    private Task<int> ExpireHoldsAsync() =>
        WithBillingDbAsync(db => db.Reservations
            .Where(r => r.AccountId == AccountId && r.Status == ReservationStatus.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

    private Task<StaleReservationsReleasedDto> ReleaseStaleAsync() =>
        WithServiceAsync<IDispatcher, StaleReservationsReleasedDto>(d => d.Send(new ReleaseStaleReservationsCommand()));

    /// <summary>Runs the Hangfire job the way its server would: a fresh scope, the job class, its one method.</summary>
    private async Task RunJobAsync()
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ReleaseStaleReservationsJob>(scope.ServiceProvider).RunAsync();
    }

    private Task<ReservationStatus> StatusOfAsync(string requestId) =>
        WithBillingDbAsync(db => db.Reservations.AsNoTracking().Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync());

    private async Task<List<JsonNode>> UsageAsync()
    {
        using var response = await Customer.GetAsync("/api/v1/usage");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return [.. (await response.ReadJsonNodeAsync())["data"]!.AsArray().Select(n => n!.DeepClone())];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The condition did not hold within 5 seconds.");
    }
}

/// <summary>
/// The Billing fixture with a known hold TTL, and a switch that makes settlement fail as if the process died
/// between the upstream's answer and the settlement transaction.
/// </summary>
public abstract class StaleReservationFixture(DatabaseKind kind) : BillingFixture(kind)
{
    public const int TimeToLiveSeconds = 900;

    public SettlementCrash Crash { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings)
        {
            ["Billing:Reservations:TimeToLiveSeconds"] = TimeToLiveSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // These tests are about a call's own hold; a crash of a call that held from a lease is in BalanceLeaseTests.
            ["Billing:Leases:Enabled"] = "false",
        };

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<IBalanceReservations>(sp => new CrashingReservations(sp.GetRequiredService<GroupCommitReservations>(), Crash));
    }

    private sealed class CrashingReservations(IBalanceReservations inner, SettlementCrash crash) : IBalanceReservations
    {
        public Task<Money?> TryReserveUpToAsync(ReservationRequest request, CancellationToken cancellationToken) =>
            inner.TryReserveUpToAsync(request, cancellationToken);

        public Task RecordProgressAsync(CallSettlement progress, CancellationToken cancellationToken) =>
            inner.RecordProgressAsync(progress, cancellationToken);

        public Task<Money> SettleAsync(CallSettlement settlement, CancellationToken cancellationToken) =>
            crash.Armed
                ? throw new InvalidOperationException("Simulated crash: the process died before settling.")
                : inner.SettleAsync(settlement, cancellationToken);
    }
}

/// <summary>When <see cref="Armed"/>, every settlement fails, as if its process had died.</summary>
public sealed class SettlementCrash
{
    private volatile bool armed;

    public bool Armed
    {
        get => armed;
        set => armed = value;
    }
}

public sealed class SqliteStaleReservationFixture() : StaleReservationFixture(DatabaseKind.Sqlite);

public sealed class PostgresStaleReservationFixture() : StaleReservationFixture(DatabaseKind.Postgres);

public sealed class SqliteStaleReservationTests(SqliteStaleReservationFixture fixture)
    : StaleReservationTests<SqliteStaleReservationFixture>(fixture), IClassFixture<SqliteStaleReservationFixture>;

public sealed class PostgresStaleReservationTests(PostgresStaleReservationFixture fixture)
    : StaleReservationTests<PostgresStaleReservationFixture>(fixture), IClassFixture<PostgresStaleReservationFixture>;
