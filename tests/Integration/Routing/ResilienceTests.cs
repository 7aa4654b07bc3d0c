using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Routing;

/// <summary>Circuit breaking, client cancellation and broken streams (SQLite; the billing paths are covered on PostgreSQL elsewhere).</summary>
public sealed class ResilienceTests(FailoverSqliteFixture fixture) : FailoverTestBase<FailoverSqliteFixture>(fixture), IClassFixture<FailoverSqliteFixture>
{
    [Fact]
    public async Task The_breaker_opens_on_the_failure_rate_then_a_probe_closes_it_again()
    {
        // MinimumThroughput 4 and FailureRatio 0.5 (FailoverSettings): four failures in a row open the breaker.
        for (var i = 0; i < 4; i++)
        {
            Primary.EnqueueError(503, "server_error", null, "Overloaded.");
            await (await ChatAsync()).AssertSuccessAsync();
        }

        Assert.Equal(4, Primary.ChatRequests.Count);

        await (await ChatAsync()).AssertSuccessAsync();
        Assert.Equal(4, Primary.ChatRequests.Count); // open: the primary is not even tried
        Assert.Equal(5, Backup.ChatRequests.Count);

        // After the break duration (1 s) one probe goes through; it succeeds, so the breaker closes.
        Fixture.Clock.Advance(TimeSpan.FromSeconds(1.5));
        await (await ChatAsync()).AssertSuccessAsync();
        await (await ChatAsync()).AssertSuccessAsync();
        Assert.Equal(6, Primary.ChatRequests.Count);
        Assert.Equal(5, Backup.ChatRequests.Count);
    }

    [Fact]
    public async Task A_single_error_never_opens_the_breaker()
    {
        Primary.EnqueueError(500, "server_error", null, "Oops.");
        await (await ChatAsync()).AssertSuccessAsync();

        await (await ChatAsync()).AssertSuccessAsync();

        Assert.Equal(2, Primary.ChatRequests.Count);
        Assert.Single(Backup.ChatRequests);
    }

    [Fact]
    public async Task A_client_that_disconnects_from_a_stalled_stream_is_charged_an_estimate_when_the_deadline_passes()
    {
        Primary.DelayBetweenPieces = Timeout.InfiniteTimeSpan; // the stream stalls after its first chunk
        using (var cancel = new CancellationTokenSource())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = JsonContent("""{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Hello"}]}"""),
            };
            var response = await ApiClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
            var buffer = new byte[256];
            _ = await stream.ReadAsync(buffer, cancel.Token);
            await cancel.CancelAsync();
            response.Dispose();
        }

        // The upstream call outlives the client, up to the call's deadline (600 s by default), then no usage is known.
        await Task.Delay(50);
        Assert.Equal(0, Primary.AbortedRequests);
        await AdvanceUntil(() => Task.FromResult(Primary.AbortedRequests == 1), TimeSpan.FromSeconds(60));
        await Eventually(async () => (await Customer.GetBalanceAsync()).Reserved == "0");
        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal("client_cancelled", record.Status);
        Assert.Equal("estimated", record.UsageSource);
        Assert.True(record.InputTokens > 0);
        Assert.Equal(CostOf(record.InputTokens, record.OutputTokens), record.Charged);
        Assert.Equal(Money.Parse("5") - record.Charged, await AvailableAsync());
    }

    [Fact]
    public async Task A_stream_that_breaks_midway_ends_with_an_error_chunk_and_bills_the_delivered_text_by_tokenizer()
    {
        Primary.EnqueueBreakAfter(2);

        var response = await ChatAsync(stream: true);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"upstream_stream_interrupted\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.Empty(Backup.ChatRequests); // never fail over after the first byte
        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal("stream_interrupted", record.Status);
        Assert.Equal("estimated", record.UsageSource);
        Assert.Equal(2, record.OutputTokens); // "Hello" and " from" are one o200k token each
        Assert.True(record.InputTokens > 0);
        Assert.Equal(CostOf(record.InputTokens, record.OutputTokens), record.Charged);
        Assert.Equal(Money.Parse("5") - record.Charged, await AvailableAsync());
    }

    [Fact]
    public async Task A_long_stream_records_its_progress_so_that_a_crash_would_still_be_billed()
    {
        // Three pieces, at 1.5, 3 and 4.5 s on the fake clock: the progress record (after the one-second interval) stays
        // visible for 30 clock steps before the settlement replaces it, even when a loaded machine writes it slowly.
        Primary.DelayBetweenPieces = TimeSpan.FromMilliseconds(1500);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent("""{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Hello"}]}"""),
        };
        using var response = await ApiClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // Past the one-second interval (FailoverSettings), while the stream is still running.
        await AdvanceUntil(async () => (await UsageRecords.ListAsync(Fixture.App, AccountId)).Any(r => r.Status == "in_progress"));
        var progress = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.True(progress.OutputTokens > 0);

        var rest = reader.ReadToEndAsync();
        await AdvanceUntil(() => Task.FromResult(rest.IsCompleted));
        Assert.EndsWith("data: [DONE]\n\n", await rest, StringComparison.Ordinal);
        var final = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal("succeeded", final.Status);
        Assert.Equal(CostOf(12, 5), final.Charged);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
