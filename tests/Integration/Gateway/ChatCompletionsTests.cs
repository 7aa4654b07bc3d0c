using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using Xunit;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>The paid chat call end to end, driven by the official OpenAI .NET SDK, on each database.</summary>
public abstract class ChatCompletionsTests<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    [Fact]
    public async Task Sdk_chat_call_is_answered_and_charges_exactly_usage_times_price()
    {
        await Admin.CreditAsync(AccountId, "5");
        Fixture.Upstream.DefaultReply = FakeReply.Text("Hi there!", promptTokens: 1200, completionTokens: 345, cachedTokens: 200);

        var completion = await Sdk().CompleteChatAsync([new UserChatMessage("Say hi")]);

        Assert.Equal("Hi there!", completion.Value.Content[0].Text);
        Assert.Equal(1200, completion.Value.Usage.InputTokenCount);
        var expected = CostOf(1200, 345, cachedTokens: 200);
        Assert.Equal(Money.Parse("5") - expected, await AvailableAsync());
        var (_, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal("0", reserved);

        var upstreamCall = Assert.Single(Fixture.Upstream.ChatRequests);
        Assert.Equal("gpt-4o", upstreamCall.Model);
        Assert.Equal($"Bearer {Fixture.Upstream.ApiKey}", upstreamCall.Authorization);
    }

    [Fact]
    public async Task Sdk_streaming_call_is_passed_through_and_charged_from_forced_usage()
    {
        await Admin.CreditAsync(AccountId, "5");
        Fixture.Upstream.DefaultReply = new FakeReply(["Once", " upon", " a", " time"], PromptTokens: 40, CompletionTokens: 4);

        var text = new StringBuilder();
        await foreach (var update in Sdk().CompleteChatStreamingAsync([new UserChatMessage("Tell a story")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("Once upon a time", text.ToString());
        Assert.Equal(Money.Parse("5") - CostOf(40, 4), await AvailableAsync());
        var upstreamCall = Assert.Single(Fixture.Upstream.ChatRequests);
        Assert.True(upstreamCall.IncludeUsage, "the gateway must force stream_options.include_usage upstream");
    }

    [Fact]
    public async Task Streaming_drops_the_usage_chunk_unless_asked_and_adds_cost_when_asked()
    {
        await Admin.CreditAsync(AccountId, "5");
        var withoutUsage = await RawStreamAsync(includeUsage: false);
        Assert.DoesNotContain("\"usage\":{", withoutUsage, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", withoutUsage, StringComparison.Ordinal);

        var withUsage = await RawStreamAsync(includeUsage: true);
        var usageLine = withUsage.Split("\n\n").Single(l => l.Contains("\"usage\":{", StringComparison.Ordinal));
        var usage = JsonNode.Parse(usageLine["data: ".Length..])!["usage"]!;
        Assert.Equal(CostOf(12, 5).ToDecimal(), usage["cost"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Non_streaming_response_carries_usage_cost_and_a_request_id()
    {
        await Admin.CreditAsync(AccountId, "1");
        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(ChatBody()));
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.True(response.Headers.Contains("x-request-id"));
        var body = await response.ReadJsonNodeAsync();
        Assert.Equal(CostOf(12, 5).ToDecimal(), body["usage"]!["cost"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Revoked_key_gets_401_on_the_next_request_and_nothing_is_charged()
    {
        await Admin.CreditAsync(AccountId, "1");
        using (var first = await ApiClient().PostAsync("/v1/chat/completions", Json(ChatBody())))
        {
            await first.AssertStatusAsync(HttpStatusCode.OK);
        }

        var before = await AvailableAsync();
        var keys = await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync();
        var keyId = keys["data"]![0]!["id"]!.GetValue<string>();
        (await Customer.DeleteAsync($"/api/v1/keys/{keyId}")).EnsureSuccessStatusCode();

        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(ChatBody()));
        await AssertOpenAiErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Equal(before, await AvailableAsync());
        Assert.Single(Fixture.Upstream.ChatRequests);
    }

    [Fact]
    public async Task Empty_balance_gets_402_insufficient_balance_and_the_upstream_is_not_called()
    {
        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(ChatBody()));
        var error = await AssertOpenAiErrorAsync(response, HttpStatusCode.PaymentRequired, "insufficient_balance");
        Assert.Equal("insufficient_quota", error["type"]!.GetValue<string>());
        Assert.Empty(Fixture.Upstream.ChatRequests);
    }

    [Fact]
    public async Task Unknown_model_gets_404_and_malformed_body_gets_400_and_neither_charges()
    {
        await Admin.CreditAsync(AccountId, "1");
        using (var unknown = await ApiClient().PostAsync("/v1/chat/completions", Json(ChatBody(model: "no-such-model"))))
        {
            await AssertOpenAiErrorAsync(unknown, HttpStatusCode.NotFound, "model_not_found");
        }

        using (var malformed = await ApiClient().PostAsync("/v1/chat/completions", new StringContent("{not json", Encoding.UTF8, "application/json")))
        {
            await AssertOpenAiErrorAsync(malformed, HttpStatusCode.BadRequest, null);
        }

        using (var noMessages = await ApiClient().PostAsync("/v1/chat/completions", Json(new JsonObject { ["model"] = "gpt-4o", ["messages"] = new JsonArray() })))
        {
            var error = await AssertOpenAiErrorAsync(noMessages, HttpStatusCode.BadRequest, null);
            Assert.Equal("messages", error["param"]!.GetValue<string>());
        }

        Assert.Equal(Money.Parse("1"), await AvailableAsync());
        Assert.Empty(Fixture.Upstream.ChatRequests);
    }

    [Fact]
    public async Task Upstream_refusal_is_passed_through_marked_as_upstream_and_costs_nothing()
    {
        await Admin.CreditAsync(AccountId, "1");
        Fixture.Upstream.EnqueueError(429, "tokens", "rate_limit_exceeded", "Rate limit reached for gpt-4o.");

        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(ChatBody()));

        var error = await AssertOpenAiErrorAsync(response, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Equal("Rate limit reached for gpt-4o.", error["message"]!.GetValue<string>());
        Assert.Equal("openai", error["metadata"]!["provider"]!.GetValue<string>());
        Assert.Equal("upstream", response.Headers.GetValues("x-omniakey-error-source").Single());
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    [Fact]
    public async Task Models_list_shows_enabled_models_with_prices()
    {
        using var response = await ApiClient().GetAsync("/v1/models");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var models = (await response.ReadJsonNodeAsync())["data"]!.AsArray();
        var gpt4o = models.Single(m => m!["id"]!.GetValue<string>() == "gpt-4o")!;
        Assert.Equal("model", gpt4o["object"]!.GetValue<string>());
        Assert.Equal("2.5", gpt4o["pricing"]!["input_per_million_usd"]!.GetValue<string>());
        Assert.Equal("10", gpt4o["pricing"]!["output_per_million_usd"]!.GetValue<string>());
    }

    protected ChatClient Sdk() =>
        new("gpt-4o", new ApiKeyCredential(ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(Fixture.App.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(Fixture.App.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    protected static JsonObject ChatBody(string model = "gpt-4o", bool stream = false, bool includeUsage = false, int maxTokens = 50)
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

        if (includeUsage)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return body;
    }

    internal static JsonObject ChatBodyFor(int maxTokens) => ChatBody(maxTokens: maxTokens);

    internal static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<string> RawStreamAsync(bool includeUsage)
    {
        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(ChatBody(stream: true, includeUsage: includeUsage)));
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonNode> AssertOpenAiErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        await response.AssertStatusAsync(status);
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        if (code is not null)
        {
            Assert.Equal(code, error["code"]!.GetValue<string>());
        }

        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        return error;
    }
}

public sealed class SqliteChatCompletionsTests(SqliteGatewayFixture fixture)
    : ChatCompletionsTests<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>;

public sealed class PostgresChatCompletionsTests(PostgresGatewayFixture fixture)
    : ChatCompletionsTests<PostgresGatewayFixture>(fixture), IClassFixture<PostgresGatewayFixture>;
