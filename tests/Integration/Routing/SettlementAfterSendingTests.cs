using System.Net;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Routing;

/// <summary>
/// Once a request is sent upstream the provider bills it, whatever the client does: a client that goes away does not
/// cancel the upstream call, and the call is charged the usage the provider reports. Timeouts fit the call: the
/// first-byte timeout is for streams only, and a timeout after sending is neither failed over nor held against the
/// channel's breaker. Everything waits on the fake clock.
/// </summary>
public abstract class SettlementAfterSendingTests<TFixture>(TFixture fixture) : FailoverTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    /// <summary>o4-mini list prices in the seeded catalogue: $1.10 input, $4.40 output per million.</summary>
    private static readonly TokenPrice O4MiniInput = TokenPrice.PerMillion(Money.Parse("1.1"));
    private static readonly TokenPrice O4MiniOutput = TokenPrice.PerMillion(Money.Parse("4.4"));

    [Fact]
    public async Task A_reasoning_stream_whose_client_disconnects_after_the_first_chunks_is_charged_the_reported_usage()
    {
        // 500 completion tokens, 480 of them hidden reasoning: the visible text explains only a handful.
        Primary.DefaultReply = new FakeReply(["Hello", " from", " the fake upstream."], PromptTokens: 40, CompletionTokens: 500, ReasoningTokens: 480);
        Primary.DelayBetweenPieces = TimeSpan.FromSeconds(1);
        using (var cancel = new CancellationTokenSource())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = Json("""{"model":"o4-mini","stream":true,"max_completion_tokens":1000,"messages":[{"role":"user","content":"Think hard"}]}"""),
            };
            var response = await ApiClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
            _ = await stream.ReadAsync(new byte[256], cancel.Token); // the role chunk; the pieces follow a second apart
            await cancel.CancelAsync();
            response.Dispose();
        }

        // The upstream stream goes on to its end and its usage chunk.
        await AdvanceUntil(async () => (await UsageRecords.ListAsync(Fixture.App, AccountId)).Any(r => r.Status == "client_cancelled"), TimeSpan.FromMilliseconds(500));

        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal(("client_cancelled", "reported"), (record.Status, record.UsageSource));
        Assert.Equal((40L, 500L, 480L), (record.InputTokens, record.OutputTokens, record.ReasoningTokens));
        Assert.Equal(O4MiniCost(40, 500), record.Charged);
        Assert.Equal(Money.Parse("5") - O4MiniCost(40, 500), await AvailableAsync());
        Assert.Equal("0", (await Customer.GetBalanceAsync()).Reserved);
        Assert.Equal(0, Primary.AbortedRequests);
        Assert.True(Primary.ChatRequests.Single().Json!["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_stream_whose_client_did_not_ask_for_usage_gets_no_usage_chunk_but_is_charged_the_reported_usage()
    {
        Primary.DefaultReply = new FakeReply(["Hi"], PromptTokens: 40, CompletionTokens: 300, ReasoningTokens: 298);

        var response = await ApiClient().PostAsync("/v1/chat/completions", Json("""{"model":"o4-mini","stream":true,"max_completion_tokens":1000,"messages":[{"role":"user","content":"Hi"}]}"""));

        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"prompt_tokens\"", body, StringComparison.Ordinal);
        Assert.Equal(Money.Parse("5") - O4MiniCost(40, 300), await AvailableAsync());
    }

    [Fact]
    public async Task A_non_streaming_call_whose_client_disconnects_while_the_upstream_generates_is_charged_the_reported_usage()
    {
        Primary.DefaultReply = new FakeReply(["The answer."], PromptTokens: 40, CompletionTokens: 900, ReasoningTokens: 897);
        Primary.EnqueueDelay(TimeSpan.FromSeconds(30)); // generating: no headers until the answer is complete
        using var cancel = new CancellationTokenSource();
        var call = ApiClient().PostAsync("/v1/chat/completions", Json("""{"model":"o4-mini","max_completion_tokens":1000,"messages":[{"role":"user","content":"Think hard"}]}"""), cancel.Token);
        await Eventually(() => Primary.ChatRequests.Count == 1);
        await cancel.CancelAsync();

        await AdvanceUntil(async () => (await UsageRecords.ListAsync(Fixture.App, AccountId)).Count == 1, TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal(("client_cancelled", "reported"), (record.Status, record.UsageSource));
        Assert.Equal((40L, 900L, 897L), (record.InputTokens, record.OutputTokens, record.ReasoningTokens));
        Assert.Equal(Money.Parse("5") - O4MiniCost(40, 900), await AvailableAsync());
        Assert.Equal(0, Primary.AbortedRequests);
        Assert.Empty(Backup.ChatRequests);
    }

    [Fact]
    public async Task A_non_streaming_call_longer_than_the_first_byte_timeout_succeeds_on_its_channel()
    {
        Primary.EnqueueDelay(TimeSpan.FromSeconds(10)); // ten times the first-byte timeout (FailoverSettings)
        var call = ChatAsync();
        await Eventually(() => Primary.ChatRequests.Count == 1);

        await AdvanceUntil(() => Task.FromResult(call.IsCompleted), TimeSpan.FromSeconds(1));

        var response = await call;
        await response.AssertSuccessAsync();
        Assert.Equal("Hello from the fake upstream.", (await response.ReadJsonNodeAsync())["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Empty(Backup.ChatRequests);
        Assert.Equal(Money.Parse("5") - CostOf(12, 5), await AvailableAsync());
    }

    [Fact]
    public async Task A_stream_that_times_out_after_sending_is_not_re_sent_and_is_charged_its_input_estimate()
    {
        Primary.EnqueueDelay(TimeSpan.FromSeconds(10));

        var response = await TimedOutStreamAsync();

        await response.AssertStatusAsync(HttpStatusCode.GatewayTimeout);
        Assert.Equal("upstream_timeout", (await response.ReadJsonNodeAsync())["error"]!["code"]!.GetValue<string>());
        Assert.Single(Primary.ChatRequests);
        Assert.Empty(Backup.ChatRequests);
        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal(("upstream_timeout", "estimated"), (record.Status, record.UsageSource));
        Assert.True(record.InputTokens > 0);
        Assert.Equal(0, record.OutputTokens);
        Assert.Equal(CostOf(record.InputTokens, 0), record.Charged);
        Assert.Equal(Money.Parse("5") - record.Charged, await AvailableAsync());
        Assert.Equal("0", (await Customer.GetBalanceAsync()).Reserved);
    }

    [Fact]
    public async Task Twenty_timeouts_after_sending_do_not_open_the_breaker()
    {
        // The breaker opens at 4 failures and a 50% failure rate (FailoverSettings); these are not failures.
        for (var i = 0; i < 20; i++)
        {
            Primary.EnqueueDelay(TimeSpan.FromSeconds(10));
            await (await TimedOutStreamAsync()).AssertStatusAsync(HttpStatusCode.GatewayTimeout);
        }

        await (await ChatAsync()).AssertSuccessAsync();

        Assert.Equal(21, Primary.ChatRequests.Count);
        Assert.Empty(Backup.ChatRequests);
    }

    /// <summary>A stream whose upstream takes its request but sends no headers: the first-byte timeout passes.</summary>
    private async Task<HttpResponseMessage> TimedOutStreamAsync()
    {
        var before = Primary.ChatRequests.Count;
        var call = ChatAsync(stream: true);
        await Eventually(() => Primary.ChatRequests.Count == before + 1);
        await AdvanceUntil(() => Task.FromResult(call.IsCompleted), TimeSpan.FromMilliseconds(500));
        return await call;
    }

    private static Money O4MiniCost(long input, long output) =>
        CostRounding.ToMoney(O4MiniInput.ExactCostOf(input) + O4MiniOutput.ExactCostOf(output));

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class SqliteSettlementAfterSendingTests(FailoverSqliteFixture fixture)
    : SettlementAfterSendingTests<FailoverSqliteFixture>(fixture), IClassFixture<FailoverSqliteFixture>;

public sealed class PostgresSettlementAfterSendingTests(FailoverPostgresFixture fixture)
    : SettlementAfterSendingTests<FailoverPostgresFixture>(fixture), IClassFixture<FailoverPostgresFixture>;
