using System.Net;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;
using static OmniaKey.IntegrationTests.AbuseLimits.AbuseLimitsFixture;

namespace OmniaKey.IntegrationTests.AbuseLimits;

public sealed class FailureThrottleTests(AbuseLimitsFixture fixture) : AbuseLimitsTestBase(fixture)
{
    [Fact]
    public async Task Unknown_keys_from_one_ip_are_throttled_before_any_look_up_even_a_valid_key_in_openai_shape()
    {
        var customer = Fixture.App.CreateBearerClient(await NewCustomerAsync(ApiClientExtensions.NewEmail()));
        var key = await customer.CreateApiKeyAsync("valid");
        var ip = NewIp();
        for (var i = 0; i < KeyFailuresPerIp; i++)
        {
            using var unknown = await SendAsync(HttpMethod.Get, "/v1/models", ip, bearer: "sk-omk-" + new string((char)('a' + i), 43));
            await unknown.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        using var refused = await SendAsync(HttpMethod.Post, "/v1/chat/completions", ip, new { model = "gpt-4o", messages = new[] { new { role = "user", content = "hi" } } }, bearer: key);
        var (retryAfter, body) = await AssertTooManyAsync(refused);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("requests", body["error"]!["type"]!.GetValue<string>());
        Assert.Equal("gateway", Assert.Single(refused.Headers.GetValues("x-omniakey-error-source")));
        Assert.Empty(Fixture.Upstream.ChatRequests);

        using var elsewhere = await SendAsync(HttpMethod.Get, "/v1/models", NewIp(), bearer: key);
        await elsewhere.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_admin_tokens_from_one_ip_are_throttled_even_for_the_right_token_afterwards()
    {
        var ip = NewIp();
        for (var i = 0; i < AdminFailuresPerIp; i++)
        {
            using var wrong = await SendAsync(HttpMethod.Get, "/admin/v1/accounts?email=a@example.com", ip, bearer: OmniaKeyAppFactory.AdminToken + i);
            await wrong.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        using var refused = await SendAsync(HttpMethod.Get, "/admin/v1/accounts?email=a@example.com", ip, bearer: OmniaKeyAppFactory.AdminToken);
        var (retryAfter, _) = await AssertTooManyAsync(refused);
        Assert.InRange(retryAfter, 1, 60);

        using var elsewhere = await SendAsync(HttpMethod.Get, "/admin/v1/accounts?email=a@example.com", NewIp(), bearer: OmniaKeyAppFactory.AdminToken);
        await elsewhere.AssertStatusAsync(HttpStatusCode.OK);

        Fixture.Clock.Advance(TimeSpan.FromSeconds(retryAfter));
        using var later = await SendAsync(HttpMethod.Get, "/admin/v1/accounts?email=a@example.com", ip, bearer: OmniaKeyAppFactory.AdminToken);
        await later.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stripe_webhooks_are_limited_per_ip()
    {
        var ip = NewIp();
        for (var i = 0; i < WebhooksPerIp; i++)
        {
            using var delivered = await SendAsync(HttpMethod.Post, "/webhooks/stripe", ip, new { id = "evt_" + i });
            Assert.NotEqual(HttpStatusCode.TooManyRequests, delivered.StatusCode);
        }

        using var refused = await SendAsync(HttpMethod.Post, "/webhooks/stripe", ip, new { id = "evt_last" });
        await AssertTooManyAsync(refused);
    }
}
