using System.Net;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Keys;

/// <summary>
/// The key limits on <c>/v1</c> (docs/api.md "Key limits"): each refusal with its exact status, type, code and
/// <c>Retry-After</c>, nothing held or charged, and the upstream never called.
/// </summary>
public abstract class KeyEnforcementTests<TFixture>(TFixture fixture) : KeyLimitsTestBase<TFixture>(fixture)
    where TFixture : KeyLimitsFixture
{
    [Fact]
    public async Task An_expired_key_is_refused_401_even_while_it_is_cached()
    {
        await Admin.CreditAsync(AccountId, "1");
        var key = await CreateKeyWithAsync(new JsonObject { ["expires_at"] = Fixture.Clock.GetUtcNow().AddSeconds(2).ToString("O") });
        using var api = V1(key);
        using (var cached = await api.GetAsync("/v1/models"))
        {
            await cached.AssertStatusAsync(HttpStatusCode.OK); // loaded, and fresh for 5 more seconds
        }

        Fixture.Clock.Advance(TimeSpan.FromSeconds(3)); // expired, still fresh in the cache

        using var models = await api.GetAsync("/v1/models");
        await AssertGatewayErrorAsync(models, HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key");
        using var chat = await ChatAsync(api);
        await AssertGatewayErrorAsync(chat, HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key");
        Assert.Empty(Fixture.Upstream.ChatRequests);
        await AssertNothingHeldOrChargedAsync(Money.Parse("1"));
        var listed = (await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync())["data"]!.AsArray();
        Assert.Equal("expired", listed.Single(k => k!["name"]!.GetValue<string>() == "limited")!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_model_outside_the_allow_list_is_refused_403_and_the_model_list_shows_only_allowed_models()
    {
        await Admin.CreditAsync(AccountId, "1");
        var key = await CreateKeyWithAsync(new JsonObject { ["allowed_models"] = new JsonArray("gpt-4o-m*", "claude-sonnet-4-5-20250929") });
        using var api = V1(key);

        using var chat = await ChatAsync(api, model: "gpt-4o");
        var error = await AssertGatewayErrorAsync(chat, HttpStatusCode.Forbidden, "permission_error", "model_not_allowed");
        Assert.Equal("model", error["param"]!.GetValue<string>());
        using var one = await api.GetAsync("/v1/models/gpt-4o");
        await AssertGatewayErrorAsync(one, HttpStatusCode.Forbidden, "permission_error", "model_not_allowed");
        Assert.Empty(Fixture.Upstream.ChatRequests);
        await AssertNothingHeldOrChargedAsync(Money.Parse("1"));

        // A glob, and an alias that names claude-sonnet-4-5 (the model is listed under its id).
        var listed = (await (await api.GetAsync("/v1/models")).ReadJsonNodeAsync())["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>());
        Assert.Equal(["claude-sonnet-4-5", "gpt-4o-mini"], listed.Order(StringComparer.Ordinal));
        using var allowed = await api.GetAsync("/v1/models/gpt-4o-mini");
        await allowed.AssertStatusAsync(HttpStatusCode.OK);
        using var call = await ChatAsync(api, model: "gpt-4o-mini");
        await call.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Single(Fixture.Upstream.ChatRequests);
    }

    [Fact]
    public async Task A_client_outside_the_ip_allow_list_is_refused_403()
    {
        await Admin.CreditAsync(AccountId, "1");
        var key = await CreateKeyWithAsync(new JsonObject { ["allowed_ips"] = new JsonArray("203.0.113.0/24", "2001:db8::1") });

        foreach (var ip in new[] { "198.51.100.7", "2001:db8::2", null })
        {
            using var refused = await ChatAsync(V1(key, ip));
            await AssertGatewayErrorAsync(refused, HttpStatusCode.Forbidden, "permission_error", "ip_not_allowed");
            using var models = await V1(key, ip).GetAsync("/v1/models");
            await AssertGatewayErrorAsync(models, HttpStatusCode.Forbidden, "permission_error", "ip_not_allowed");
        }

        Assert.Empty(Fixture.Upstream.ChatRequests);
        await AssertNothingHeldOrChargedAsync(Money.Parse("1"));
        using var inRange = await ChatAsync(V1(key, "203.0.113.200"));
        await inRange.AssertStatusAsync(HttpStatusCode.OK);
        using var exact = await ChatAsync(V1(key, "2001:db8::1"));
        await exact.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_rpm_limit_answers_429_requests_with_retry_after_until_the_minute_has_passed()
    {
        await Admin.CreditAsync(AccountId, "1");
        var key = await CreateKeyWithAsync(new JsonObject { ["rpm_limit"] = 2 });
        using var api = V1(key);
        for (var i = 0; i < 2; i++)
        {
            using var ok = await ChatAsync(api);
            await ok.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("2", Header(ok, "x-ratelimit-limit-requests"));
            Assert.Equal((1 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(ok, "x-ratelimit-remaining-requests"));
        }

        var afterTwo = Money.Parse("1") - Twice(CostOf(12, 5));
        using (var refused = await ChatAsync(api))
        {
            var error = await AssertGatewayErrorAsync(refused, HttpStatusCode.TooManyRequests, "requests", "rate_limit_exceeded");
            Assert.Contains("RPM", error["message"]!.GetValue<string>(), StringComparison.Ordinal);

            // Both calls were counted in this second; they leave the window when the 61st second after it begins.
            Assert.Equal("61", RetryAfter(refused));
            Assert.Equal("0", Header(refused, "x-ratelimit-remaining-requests"));
        }

        Assert.Equal(2, Fixture.Upstream.ChatRequests.Count);
        await AssertNothingHeldOrChargedAsync(afterTwo);

        Fixture.Clock.Advance(TimeSpan.FromSeconds(60));
        using (var stillRefused = await ChatAsync(api))
        {
            await AssertGatewayErrorAsync(stillRefused, HttpStatusCode.TooManyRequests, "requests", "rate_limit_exceeded");
            Assert.Equal("1", RetryAfter(stillRefused));
        }

        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        using var again = await ChatAsync(api);
        await again.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_tpm_limit_counts_the_input_estimate_and_max_tokens_then_the_reported_usage()
    {
        await Admin.CreditAsync(AccountId, "1");
        Fixture.Upstream.DefaultReply = FakeReply.Text("Hi", promptTokens: 400, completionTokens: 100);
        var key = await CreateKeyWithAsync(new JsonObject { ["tpm_limit"] = 1000 });
        using var api = V1(key);

        // Admitted on its estimate (about 100 bytes of body + 50), then counted as the 500 tokens reported.
        for (var i = 0; i < 2; i++)
        {
            using var ok = await ChatAsync(api);
            await ok.AssertStatusAsync(HttpStatusCode.OK);
        }

        using (var refused = await ChatAsync(api))
        {
            var error = await AssertGatewayErrorAsync(refused, HttpStatusCode.TooManyRequests, "tokens", "rate_limit_exceeded");
            Assert.Contains("TPM", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("61", RetryAfter(refused));
            Assert.Equal("0", Header(refused, "x-ratelimit-remaining-tokens"));
        }

        // A call that alone counts more than the limit can never fit.
        Fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        using (var tooLarge = await ChatAsync(api, maxTokens: 2000))
        {
            var error = await AssertGatewayErrorAsync(tooLarge, HttpStatusCode.TooManyRequests, "tokens", "rate_limit_exceeded");
            Assert.Contains("Request too large", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(2, Fixture.Upstream.ChatRequests.Count);
        await AssertNothingHeldOrChargedAsync(Money.Parse("1") - Twice(CostOf(400, 100)));
        using var again = await ChatAsync(api);
        await again.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_concurrency_limit_refuses_while_a_call_runs_and_frees_the_slot_when_it_ends()
    {
        await Admin.CreditAsync(AccountId, "1");
        var key = await CreateKeyWithAsync(new JsonObject { ["max_concurrent_requests"] = 1 });
        using var api = V1(key);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Fixture.Upstream.Enqueue(new FakeBehavior { AnswerWhen = answer.Task });
        var first = ChatAsync(api);
        await WaitUntilAsync(() => Task.FromResult(Fixture.Upstream.ChatRequests.Count == 1), "the first call reached the upstream");

        using (var refused = await ChatAsync(api))
        {
            var error = await AssertGatewayErrorAsync(refused, HttpStatusCode.TooManyRequests, "requests", "rate_limit_exceeded");
            Assert.Contains("concurrent", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("1", RetryAfter(refused));
        }

        Assert.Single(Fixture.Upstream.ChatRequests);
        answer.SetResult();
        using (var firstAnswer = await first)
        {
            await firstAnswer.AssertStatusAsync(HttpStatusCode.OK);
        }

        // Freed before the answer was written, so the very next call is admitted.
        using var next = await ChatAsync(api);
        await next.AssertStatusAsync(HttpStatusCode.OK);
        await AssertNothingHeldOrChargedAsync(Money.Parse("1") - Twice(CostOf(12, 5)));
    }

    [Fact]
    public async Task The_concurrency_slot_is_freed_when_a_stream_ends_and_when_its_client_goes_away()
    {
        await Admin.CreditAsync(AccountId, "1");
        var key = await CreateKeyWithAsync(new JsonObject { ["max_concurrent_requests"] = 1 });
        using var api = V1(key);

        using (var stream = await ChatAsync(api, stream: true))
        {
            await stream.AssertStatusAsync(HttpStatusCode.OK);
            Assert.EndsWith("data: [DONE]\n\n", await stream.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var afterStream = await ChatAsync(api, stream: true))
        {
            await afterStream.AssertStatusAsync(HttpStatusCode.OK);
            await afterStream.Content.ReadAsStringAsync();
        }

        // A client that goes away mid-stream, while the upstream is still answering (one piece per second of the
        // fake clock): the slot is freed when the call ends, not when the client left.
        Fixture.Upstream.Enqueue(new FakeBehavior { DelayBetweenPieces = TimeSpan.FromSeconds(1) });
        var abandoned = await ChatAsync(api, stream: true);
        await abandoned.AssertStatusAsync(HttpStatusCode.OK);
        using (var reader = new StreamReader(await abandoned.Content.ReadAsStreamAsync()))
        {
            Assert.StartsWith("data: ", await reader.ReadLineAsync(), StringComparison.Ordinal);
        }

        abandoned.Dispose();
        using (var busy = await ChatAsync(api))
        {
            await AssertGatewayErrorAsync(busy, HttpStatusCode.TooManyRequests, "requests", "rate_limit_exceeded");
        }

        await WaitUntilAsync(
            async () =>
            {
                Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
                using var attempt = await ChatAsync(api);
                return attempt.StatusCode == HttpStatusCode.OK;
            },
            "a call was admitted after the abandoned stream ended");
        await WaitUntilAsync(async () => (await Customer.GetBalanceAsync()).Reserved == "0", "no hold is left");
    }

    [Fact]
    public async Task A_change_or_a_revocation_applies_to_the_next_request()
    {
        await Admin.CreditAsync(AccountId, "1");
        var created = await CreateKeyAsync(new JsonObject { ["name"] = "changing", ["allowed_models"] = new JsonArray("claude-*"), ["rpm_limit"] = 1 });
        var id = created["id"]!.GetValue<string>();
        using var api = V1(created["key"]!.GetValue<string>());
        using (var refused = await ChatAsync(api))
        {
            await AssertGatewayErrorAsync(refused, HttpStatusCode.Forbidden, "permission_error", "model_not_allowed");
        }

        using (var cleared = await PatchKeyAsync(id, new JsonObject { ["allowed_models"] = null }))
        {
            await cleared.AssertStatusAsync(HttpStatusCode.OK);
        }

        using (var ok = await ChatAsync(api))
        {
            await ok.AssertStatusAsync(HttpStatusCode.OK);
        }

        using (var limited = await ChatAsync(api))
        {
            await AssertGatewayErrorAsync(limited, HttpStatusCode.TooManyRequests, "requests", "rate_limit_exceeded");
        }

        using (var unlimited = await PatchKeyAsync(id, new JsonObject { ["rpm_limit"] = null }))
        {
            await unlimited.AssertStatusAsync(HttpStatusCode.OK);
        }

        using (var ok = await ChatAsync(api))
        {
            await ok.AssertStatusAsync(HttpStatusCode.OK);
        }

        (await Customer.DeleteAsync($"/api/v1/keys/{id}")).EnsureSuccessStatusCode();
        using var revoked = await ChatAsync(api);
        await AssertGatewayErrorAsync(revoked, HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key");
    }
}

public sealed class SqliteKeyEnforcementTests(SqliteKeyLimitsFixture fixture)
    : KeyEnforcementTests<SqliteKeyLimitsFixture>(fixture), IClassFixture<SqliteKeyLimitsFixture>;

public sealed class PostgresKeyEnforcementTests(PostgresKeyLimitsFixture fixture)
    : KeyEnforcementTests<PostgresKeyLimitsFixture>(fixture), IClassFixture<PostgresKeyLimitsFixture>;
