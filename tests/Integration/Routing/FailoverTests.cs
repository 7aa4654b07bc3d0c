using System.Net;
using System.Net.Http.Json;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Routing;

/// <summary>A failing primary channel hands the call to the backup before anything reached the client; the customer pays once.</summary>
public abstract class FailoverTests<TFixture>(TFixture fixture) : FailoverTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    public static TheoryData<int, string> ChannelFailures => new()
    {
        { 429, "rate_limit_exceeded" },
        { 500, "server_error" },
        { 503, "server_error" },
        { 529, "overloaded_error" },
    };

    [Theory]
    [MemberData(nameof(ChannelFailures))]
    public async Task A_channel_failure_status_fails_over_to_the_backup_and_charges_once(int status, string type)
    {
        Primary.EnqueueError(status, type, null, $"Upstream says {status}.");

        var response = await ChatAsync();

        await response.AssertSuccessAsync();
        Assert.Equal("Hello from the fake upstream.", (await response.ReadJsonNodeAsync())["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Single(Primary.ChatRequests);
        Assert.Single(Backup.ChatRequests);
        Assert.Equal("Bearer " + Backup.ApiKey, Backup.ChatRequests[0].Authorization);
        Assert.Equal(Money.Parse("5") - CostOf(12, 5), await AvailableAsync());
        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal("succeeded", record.Status);
    }

    [Fact]
    public async Task A_stream_fails_over_before_its_first_byte()
    {
        Primary.EnqueueError(503, "server_error", null, "Overloaded.");

        var response = await ChatAsync(stream: true);

        await response.AssertSuccessAsync();
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("the fake upstream.", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.Single(Backup.ChatRequests);
        Assert.Equal(Money.Parse("5") - CostOf(12, 5), await AvailableAsync());
    }

    [Fact]
    public async Task A_channel_that_refuses_the_connection_fails_over()
    {
        // A port that was just free: nothing listens there.
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await (await Admin.PatchAsJsonAsync($"/admin/v1/channels/{PrimaryChannelId}", new { base_url = $"http://127.0.0.1:{port}/v1" })).AssertSuccessAsync();

        var response = await ChatAsync();

        await response.AssertSuccessAsync();
        Assert.Single(Backup.ChatRequests);
        Assert.Equal(Money.Parse("5") - CostOf(12, 5), await AvailableAsync());
    }

    [Fact]
    public async Task A_refusal_of_the_request_itself_is_passed_through_without_failover()
    {
        Primary.EnqueueError(400, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 128000 tokens.");

        var response = await ChatAsync();

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
        Assert.Equal("openai", error["metadata"]!["provider"]!.GetValue<string>());
        Assert.Equal("upstream", response.Headers.GetValues("x-omniakey-error-source").Single());
        Assert.Empty(Backup.ChatRequests);
        Assert.Equal(Money.Parse("5"), await AvailableAsync());
    }

    [Fact]
    public async Task When_every_channel_fails_the_last_upstream_error_is_passed_through_with_retry_after()
    {
        Primary.EnqueueError(503, "server_error", null, "Overloaded.");
        Backup.Enqueue(new FakeBehavior { Error = new FakeError(429, "requests", "rate_limit_exceeded", "Slow down.", RetryAfterSeconds: 7) });

        var response = await ChatAsync();

        await response.AssertStatusAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("rate_limit_exceeded", (await response.ReadJsonNodeAsync())["error"]!["code"]!.GetValue<string>());
        Assert.Equal(Money.Parse("5"), await AvailableAsync());
        var (_, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal("0", reserved);
    }

    [Fact]
    public async Task A_channel_that_asked_to_wait_is_tried_last_until_its_retry_after_passes()
    {
        Primary.Enqueue(new FakeBehavior { Error = new FakeError(429, "requests", "rate_limit_exceeded", "Slow down.", RetryAfterSeconds: 60) });
        await (await ChatAsync()).AssertSuccessAsync();

        await (await ChatAsync()).AssertSuccessAsync();

        Assert.Single(Primary.ChatRequests);
        Assert.Equal(2, Backup.ChatRequests.Count);

        Fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        await (await ChatAsync()).AssertSuccessAsync();

        Assert.Equal(2, Primary.ChatRequests.Count);
        Assert.Equal(2, Backup.ChatRequests.Count);
    }

    [Fact]
    public async Task No_channel_ever_reaches_the_client()
    {
        Primary.EnqueueError(503, "server_error", null, "Overloaded.");
        Backup.EnqueueError(503, "server_error", null, "Overloaded.");

        var response = await ChatAsync();

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Backup.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Primary.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("backup-openai", text, StringComparison.Ordinal);
        Assert.DoesNotContain(PrimaryChannelId.ToString(), text, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class SqliteFailoverTests(FailoverSqliteFixture fixture) : FailoverTests<FailoverSqliteFixture>(fixture), IClassFixture<FailoverSqliteFixture>;

public sealed class PostgresFailoverTests(FailoverPostgresFixture fixture) : FailoverTests<FailoverPostgresFixture>(fixture), IClassFixture<FailoverPostgresFixture>;

/// <summary>
/// Short timeouts and pauses (<see cref="FailoverSettings"/>) on a fake clock, which the tests move on: waiting for
/// a time-out, a breaker's pause or a <c>Retry-After</c> takes no real time.
/// </summary>
public sealed class FailoverSqliteFixture() : GatewayFixture(DatabaseKind.Sqlite, fakeClock: true)
{
    protected override IReadOnlyDictionary<string, string?>? Settings => FailoverSettings.Values;
}

public sealed class FailoverPostgresFixture() : GatewayFixture(DatabaseKind.Postgres, fakeClock: true)
{
    protected override IReadOnlyDictionary<string, string?>? Settings => FailoverSettings.Values;
}

internal static class FailoverSettings
{
    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>
    {
        ["Upstreams:FirstByteTimeoutSeconds"] = "1",
        ["Routing:CircuitBreaker:MinimumThroughput"] = "4",
        ["Routing:CircuitBreaker:FailureRatio"] = "0.5",
        ["Routing:CircuitBreaker:BreakDurationSeconds"] = "1",
        ["Upstreams:ProgressRecordSeconds"] = "1",
    };
}
