using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Web;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Keys;

/// <summary>Helpers for the key-limit tests: keys with limits, calls from a chosen address, and the refusal checks.</summary>
public abstract class KeyLimitsTestBase<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture)
    where TFixture : KeyLimitsFixture
{
    protected const string AllowedIp = "203.0.113.9";

    /// <summary><c>POST /api/v1/keys</c> with <paramref name="body"/>; returns the answer (201 asserted).</summary>
    protected async Task<JsonNode> CreateKeyAsync(JsonObject body, HttpClient? customer = null)
    {
        using var response = await (customer ?? Customer).PostAsync("/api/v1/keys", Json(body));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonNodeAsync();
    }

    protected async Task<string> CreateKeyWithAsync(JsonObject limits)
    {
        limits["name"] = "limited";
        return (await CreateKeyAsync(limits))["key"]!.GetValue<string>();
    }

    protected Task<HttpResponseMessage> PatchKeyAsync(string id, JsonObject body, HttpClient? customer = null) =>
        (customer ?? Customer).PatchAsync($"/api/v1/keys/{id}", Json(body));

    /// <summary>A client of <c>/v1</c> with <paramref name="key"/>, connecting from <paramref name="ip"/> (none: no address).</summary>
    protected HttpClient V1(string key, string? ip = AllowedIp)
    {
        var client = Fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (ip is not null)
        {
            client.DefaultRequestHeaders.Add(KeyLimitsFixture.ClientIpHeader, ip);
        }

        return client;
    }

    protected static Task<HttpResponseMessage> ChatAsync(HttpClient client, string model = "gpt-4o", int maxTokens = 50, bool stream = false, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["max_tokens"] = maxTokens,
        };
        if (stream)
        {
            body["stream"] = true;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(body) };
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Asserts OpenAI's error shape, the gateway as its source, and the status, type and code.</summary>
    protected static async Task<JsonNode> AssertGatewayErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string code)
    {
        await response.AssertStatusAsync(status);
        Assert.Equal("gateway", response.Headers.GetValues(OpenAiError.SourceHeader).Single());
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        return error;
    }

    /// <summary>A refused call costs nothing: the balance is what it was, and no hold is left.</summary>
    protected async Task AssertNothingHeldOrChargedAsync(Money expectedAvailable)
    {
        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal(expectedAvailable, Money.Parse(available));
        Assert.Equal("0", reserved);
    }

    protected static Money Twice(Money cost) => cost + cost;

    protected static string RetryAfter(HttpResponseMessage response) => response.Headers.GetValues("Retry-After").Single();

    protected static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    protected static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>Polls (every 20 ms, at most 5 s) until the condition holds; for work that ends after the response.</summary>
    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 250; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"Within 5 seconds: {what}");
    }
}
