using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// A client that sets no max tokens and whose balance cannot pay for the model's default output gets as many output
/// tokens as the balance pays for — capped in the request the upstream receives — instead of a 402; only a balance
/// that cannot pay for the prompt and one output token gets a 402. A client that set max tokens is never capped.
/// </summary>
public abstract class CappedHoldTests<TFixture> : GatewayTestBase<TFixture>
    where TFixture : AnthropicGatewayFixture
{
    // claude-sonnet-4-5 list prices in the seeded catalogue, per million tokens.
    private static readonly TokenPrice ClaudeInput = TokenPrice.PerMillion(Money.Parse("3"));
    private static readonly TokenPrice ClaudeOutput = TokenPrice.PerMillion(Money.Parse("15"));

    protected CappedHoldTests(TFixture fixture)
        : base(fixture)
    {
        fixture.Anthropic.Reset();
    }

    [Fact]
    public async Task Without_max_tokens_a_small_balance_caps_the_upstream_max_tokens_and_the_call_succeeds()
    {
        var body = Body("gpt-4o");
        var balance = Gpt4oHold(body, outputTokens: 1000);
        await Admin.CreditAsync(AccountId, balance.ToString());

        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var upstream = Assert.Single(Fixture.Upstream.ChatRequests).Json!.AsObject();
        Assert.Equal(1000, upstream["max_completion_tokens"]!.GetValue<long>());
        Assert.False(upstream.ContainsKey("max_tokens"));
        Assert.Equal(balance - CostOf(12, 5), await AvailableAsync());
        var (_, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal("0", reserved);
        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal("succeeded", record.Status);
        Assert.Equal(CostOf(12, 5), record.Charged);
    }

    [Fact]
    public async Task The_cap_is_the_most_output_the_balance_pays_for_down_to_a_single_token()
    {
        var body = Body("gpt-4o");

        // One nano-dollar short of 1000 tokens' hold buys 999; the prompt plus one token still gets an answer.
        await Admin.CreditAsync(AccountId, (Gpt4oHold(body, 1000) - Money.FromNanoUsd(1)).ToString());
        var (otherAccount, token) = await Fixture.App.CreateClient().SignUpAndLogInAsync(ApiClientExtensions.NewEmail());
        var otherKey = await Fixture.App.CreateBearerClient(token).CreateApiKeyAsync("nearly empty");
        await Admin.CreditAsync(otherAccount, Gpt4oHold(body, 1).ToString());

        foreach (var key in new[] { ApiKey, otherKey })
        {
            using var response = await ApiClient(key).PostAsync("/v1/chat/completions", Json(body));
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }

        var caps = Fixture.Upstream.ChatRequests.Select(r => r.Json!["max_completion_tokens"]!.GetValue<long>());
        Assert.Equal([999L, 1L], caps);
    }

    [Fact]
    public async Task A_balance_that_covers_the_default_output_is_not_capped()
    {
        await Admin.CreditAsync(AccountId, "5");
        var body = Body("gpt-4o");

        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var upstream = Assert.Single(Fixture.Upstream.ChatRequests).Json!.AsObject();
        Assert.False(upstream.ContainsKey("max_completion_tokens"));
        Assert.False(upstream.ContainsKey("max_tokens"));
    }

    [Fact]
    public async Task When_not_even_the_prompt_and_one_output_token_can_be_paid_the_answer_is_402()
    {
        var body = Body("gpt-4o");
        var promptOnly = Gpt4oHold(body, outputTokens: 0);
        await Admin.CreditAsync(AccountId, promptOnly.ToString());

        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.PaymentRequired);
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal("insufficient_balance", error["code"]!.GetValue<string>());
        Assert.Equal("insufficient_quota", error["type"]!.GetValue<string>());
        Assert.Empty(Fixture.Upstream.ChatRequests);
        Assert.Equal(promptOnly, await AvailableAsync());
        Assert.Empty(await UsageRecords.ListAsync(Fixture.App, AccountId));
    }

    [Fact]
    public async Task A_client_that_set_max_tokens_is_never_capped_but_refused()
    {
        var body = Body("gpt-4o");
        body["max_tokens"] = 1000;
        await Admin.CreditAsync(AccountId, (Gpt4oHold(body, 1000) - Money.FromNanoUsd(1)).ToString());

        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.PaymentRequired);
        Assert.Empty(Fixture.Upstream.ChatRequests);
    }

    [Fact]
    public async Task Each_of_n_choices_gets_an_equal_share_of_the_capped_output()
    {
        var body = Body("gpt-4o");
        body["n"] = 3;
        await Admin.CreditAsync(AccountId, Gpt4oHold(body, 3000).ToString());

        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1000, Assert.Single(Fixture.Upstream.ChatRequests).Json!["max_completion_tokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_capped_streaming_call_through_the_official_sdk_succeeds()
    {
        await Admin.CreditAsync(AccountId, "0.005"); // gpt-4o's default 16384 output tokens would hold 0.16384
        Fixture.Upstream.DefaultReply = new FakeReply(["Once", " upon", " a", " time"], PromptTokens: 40, CompletionTokens: 4);
        var client = new ChatClient("gpt-4o", new ApiKeyCredential(ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(Fixture.App.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(Fixture.App.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

        var text = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Tell a story")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }

        Assert.Equal("Once upon a time", text.ToString());
        var cap = Assert.Single(Fixture.Upstream.ChatRequests).Json!["max_completion_tokens"]!.GetValue<long>();
        Assert.InRange(cap, 1, 16383);
        var (_, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal("0", reserved);
    }

    [Fact]
    public async Task The_cap_reaches_anthropic_as_its_required_max_tokens()
    {
        var body = Body("claude-sonnet-4-5");
        var bytes = Encoding.UTF8.GetByteCount(body.ToJsonString());
        await Admin.CreditAsync(AccountId, CostRounding.ToMoney(ClaudeInput.ExactCostOf(bytes) + ClaudeOutput.ExactCostOf(2048)).ToString());

        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        // 2048 at the input price; a few fewer if the hold prices the prompt at the dearer cache-write price.
        Assert.InRange(Assert.Single(Fixture.Anthropic.MessageRequests).Json!["max_tokens"]!.GetValue<long>(), 2040, 2048);
    }

    private static JsonObject Body(string model) => new()
    {
        ["model"] = model,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
    };

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The hold the gateway places for this body with this many output tokens: one token per body byte, at gpt-4o prices.</summary>
    private static Money Gpt4oHold(JsonNode body, long outputTokens) =>
        CostRounding.ToMoney(Gpt4oInput.ExactCostOf(Encoding.UTF8.GetByteCount(body.ToJsonString())) + Gpt4oOutput.ExactCostOf(outputTokens));
}

public sealed class SqliteCappedHoldTests(SqliteAnthropicGatewayFixture fixture)
    : CappedHoldTests<SqliteAnthropicGatewayFixture>(fixture), IClassFixture<SqliteAnthropicGatewayFixture>;

public sealed class PostgresCappedHoldTests(PostgresAnthropicGatewayFixture fixture)
    : CappedHoldTests<PostgresAnthropicGatewayFixture>(fixture), IClassFixture<PostgresAnthropicGatewayFixture>;

/// <summary>The cap reaches Gemini too, as <c>generationConfig.maxOutputTokens</c> (the translation is the same on any database).</summary>
public sealed class GeminiCappedHoldTests : GatewayTestBase<SqliteGeminiGatewayFixture>, IClassFixture<SqliteGeminiGatewayFixture>
{
    // gemini-2.5-flash list prices in the seeded catalogue, per million tokens.
    private static readonly TokenPrice Input = TokenPrice.PerMillion(Money.Parse("0.3"));
    private static readonly TokenPrice Output = TokenPrice.PerMillion(Money.Parse("2.5"));

    public GeminiCappedHoldTests(SqliteGeminiGatewayFixture fixture)
        : base(fixture) => fixture.Gemini.Reset();

    [Fact]
    public async Task The_cap_reaches_gemini_as_max_output_tokens()
    {
        var body = """{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Hello"}]}""";
        var bytes = Encoding.UTF8.GetByteCount(body);
        await Admin.CreditAsync(AccountId, CostRounding.ToMoney(Input.ExactCostOf(bytes) + Output.ExactCostOf(2048)).ToString());

        using var response = await ApiClient().PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var upstream = Assert.Single(Fixture.Gemini.Requests).Json!;
        Assert.Equal(2048, upstream["generationConfig"]!["maxOutputTokens"]!.GetValue<long>());
    }
}
