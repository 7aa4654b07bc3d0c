using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Keys;

/// <summary>
/// Two instances of the gateway on one PostgreSQL database (docs/adr/0041-exact-key-limits-through-the-group-commit.md):
/// each instance's memory alone would admit a key's whole limit, so what the two admit together is what the database,
/// counting the key's reservations with each hold, decided. Calls are spread over both instances; the refused ones
/// answer 429 <c>rate_limit_exceeded</c> with <c>Retry-After</c>, cost nothing and never reach the upstream.
/// </summary>
public sealed class ClusterKeyRateLimitTests(TwoInstanceKeyLimitsFixture fixture)
    : KeyLimitsTestBase<TwoInstanceKeyLimitsFixture>(fixture), IClassFixture<TwoInstanceKeyLimitsFixture>
{
    [Fact]
    public async Task Thirty_calls_over_two_instances_against_an_rpm_limit_of_ten_get_exactly_ten_answers()
    {
        await Admin.CreditAsync(AccountId, "10");
        var key = await CreateKeyWithAsync(new JsonObject { ["rpm_limit"] = 10 });
        using var a = V1(key);
        using var b = OnSecond(key);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => ChatAsync(i % 2 == 0 ? a : b)));

        await AssertAnsweredAndRefusedAsync(responses, answered: 10, "requests");
        Assert.Equal(10, Fixture.Upstream.ChatRequests.Count);
        await AssertChargedOnlyAnsweredAsync(10);
    }

    [Fact]
    public async Task A_concurrency_limit_of_three_holds_across_both_instances_while_slow_calls_run()
    {
        await Admin.CreditAsync(AccountId, "10");
        var key = await CreateKeyWithAsync(new JsonObject { ["max_concurrent_requests"] = 3 });
        using var a = V1(key);
        using var b = OnSecond(key);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 3; i++)
        {
            Fixture.Upstream.Enqueue(new FakeBehavior { AnswerWhen = answer.Task });
        }

        var calls = Enumerable.Range(0, 10).Select(i => ChatAsync(i % 2 == 0 ? a : b)).ToList();
        await WithinAsync(() => Task.FromResult(calls.Count(c => c.IsCompleted) == 7), "seven calls were refused while three ran");

        Assert.Equal(3, Fixture.Upstream.ChatRequests.Count);
        foreach (var refused in calls.Where(c => c.IsCompleted))
        {
            using var response = await refused;
            var error = await AssertGatewayErrorAsync(response, HttpStatusCode.TooManyRequests, "requests", "rate_limit_exceeded");
            Assert.Contains("concurrent", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("1", RetryAfter(response));
        }

        answer.SetResult();
        foreach (var running in calls.Where(c => !c.IsCompleted).ToList())
        {
            using var response = await running;
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }

        Assert.Equal(3, Fixture.Upstream.ChatRequests.Count);
        await AssertChargedOnlyAnsweredAsync(3);
    }

    [Fact]
    public async Task A_tpm_limit_holds_across_both_instances()
    {
        await Admin.CreditAsync(AccountId, "10");

        // Each call counts its input estimate (about a hundred bytes) and its max_tokens of 1000: three fit in 3500.
        var key = await CreateKeyWithAsync(new JsonObject { ["tpm_limit"] = 3500 });
        using var a = V1(key);
        using var b = OnSecond(key);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 3; i++)
        {
            Fixture.Upstream.Enqueue(new FakeBehavior { AnswerWhen = answer.Task });
        }

        var calls = Enumerable.Range(0, 9).Select(i => ChatAsync(i % 2 == 0 ? a : b, maxTokens: 1000)).ToList();
        await WithinAsync(() => Task.FromResult(calls.Count(c => c.IsCompleted) == 6), "six calls were refused while three ran");
        answer.SetResult();
        var responses = await Task.WhenAll(calls);

        await AssertAnsweredAndRefusedAsync(responses, answered: 3, "tokens");
        Assert.Equal(3, Fixture.Upstream.ChatRequests.Count);
        await AssertChargedOnlyAnsweredAsync(3);
    }

    private HttpClient OnSecond(string key)
    {
        var client = Fixture.Second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        client.DefaultRequestHeaders.Add(KeyLimitsFixture.ClientIpHeader, AllowedIp);
        return client;
    }

    private static async Task AssertAnsweredAndRefusedAsync(HttpResponseMessage[] responses, int answered, string type)
    {
        Assert.Equal(answered, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await AssertGatewayErrorAsync(refused, HttpStatusCode.TooManyRequests, type, "rate_limit_exceeded");
            Assert.True(int.Parse(RetryAfter(refused), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    /// <summary>Only the answered calls were charged (each the default reply's 12 + 5 tokens), and nothing is held.</summary>
    private async Task AssertChargedOnlyAnsweredAsync(int answered)
    {
        await WithinAsync(async () => (await Customer.GetBalanceAsync()).Reserved == "0", "every settlement committed");
        var expected = Money.Parse("10");
        for (var i = 0; i < answered; i++)
        {
            expected -= CostOf(12, 5);
        }

        await AssertNothingHeldOrChargedAsync(expected);
    }

    /// <summary>Polls every 20 ms, for at most 30 s (a loaded machine serves ten calls slowly, never wrongly).</summary>
    private static async Task WithinAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 1500; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"Within 30 seconds: {what}");
    }
}

/// <summary>The key-limit fixture (PostgreSQL, a fake clock, client addresses from a header) with a second instance on its database.</summary>
public sealed class TwoInstanceKeyLimitsFixture() : KeyLimitsFixture(DatabaseKind.Postgres)
{
    protected override bool WithSecondInstance => true;
}
