using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using Xunit;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>
/// Claude behind the OpenAI API, end to end: the official OpenAI .NET SDK talks to the gateway, which translates to
/// Anthropic's Messages API on a fake Anthropic upstream that checks what the real one checks.
/// </summary>
public abstract class AnthropicChatTests<TFixture> : GatewayTestBase<TFixture>
    where TFixture : AnthropicGatewayFixture
{
    private const string Model = "claude-sonnet-4-5";
    private const string UpstreamModel = "claude-sonnet-4-5-20250929";

    // claude-sonnet-4-5 list prices in the seeded catalogue, per million tokens.
    private static readonly TokenPrice Input = TokenPrice.PerMillion(Money.Parse("3"));
    private static readonly TokenPrice Output = TokenPrice.PerMillion(Money.Parse("15"));
    private static readonly TokenPrice CacheRead = TokenPrice.PerMillion(Money.Parse("0.3"));
    private static readonly TokenPrice CacheWrite = TokenPrice.PerMillion(Money.Parse("3.75"));

    private static readonly ChatTool WeatherTool = ChatTool.CreateFunctionTool(
        "get_weather",
        "Current weather in a city",
        BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}"""));

    protected AnthropicChatTests(TFixture fixture)
        : base(fixture)
    {
        fixture.Anthropic.Reset(); // GatewayTestBase resets the database and the OpenAI fake only
    }

    private FakeAnthropicServer Anthropic => Fixture.Anthropic;

    [Fact]
    public async Task Chat_call_is_translated_to_messages_answered_without_thinking_and_charged_with_cache_prices()
    {
        await Admin.CreditAsync(AccountId, "5");
        Anthropic.DefaultReply = new FakeAnthropicReply(
            [new FakeThinkingBlock("The user wants French."), new FakeTextBlock(["Bonjour", " !"])],
            InputTokens: 1000, OutputTokens: 300, CacheReadTokens: 2000, CacheWriteTokens: 500);

        var completion = (await Sdk().CompleteChatAsync(
            [new SystemChatMessage("You are terse."), new UserChatMessage("Say hi in French")],
            new ChatCompletionOptions { Temperature = 1.4f, MaxOutputTokenCount = 256, StopSequences = { "END" } })).Value;

        Assert.Equal("Bonjour !", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(Model, completion.Model);
        Assert.Equal(3500, completion.Usage.InputTokenCount);
        Assert.Equal(300, completion.Usage.OutputTokenCount);
        Assert.Equal(2000, completion.Usage.InputTokenDetails.CachedTokenCount);
        Assert.Equal(Money.Parse("5") - ClaudeCost(1000, 300, cacheRead: 2000, cacheWrite: 500), await AvailableAsync());
        Assert.Equal("0", (await Customer.GetBalanceAsync()).Reserved);

        var upstream = Assert.Single(Anthropic.MessageRequests);
        Assert.Equal(Anthropic.ApiKey, upstream.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", upstream.Headers["anthropic-version"]);
        Assert.Null(upstream.Authorization);
        var body = upstream.Json!;
        Assert.Equal(UpstreamModel, body["model"]!.GetValue<string>());
        Assert.Equal("You are terse.", body["system"]!.GetValue<string>());
        Assert.Equal(256, body["max_tokens"]!.GetValue<int>());
        Assert.Equal(1.0, body["temperature"]!.GetValue<double>());
        Assert.Equal("END", body["stop_sequences"]![0]!.GetValue<string>());
        Assert.Equal("user", Assert.Single(body["messages"]!.AsArray())!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Max_tokens_defaults_to_the_models_output_limit_because_anthropic_requires_it()
    {
        await Admin.CreditAsync(AccountId, "5");

        await Sdk().CompleteChatAsync([new UserChatMessage("Hi")]);

        Assert.Equal(64000, Assert.Single(Anthropic.MessageRequests).Json!["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Streaming_call_gives_the_text_in_order_and_the_final_usage_and_charges_it()
    {
        await Admin.CreditAsync(AccountId, "5");
        Anthropic.DefaultReply = new FakeAnthropicReply([new FakeTextBlock(["Once", " upon", " a", " time"])], InputTokens: 40, OutputTokens: 4);
        Anthropic.DelayBetweenPieces = TimeSpan.FromMilliseconds(5);

        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in Sdk().CompleteChatStreamingAsync([new UserChatMessage("Tell a story")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal("Once upon a time", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(40, usage?.InputTokenCount);
        Assert.Equal(4, usage?.OutputTokenCount); // the final cumulative count, not message_start's 1 added to it
        Assert.Equal(Money.Parse("5") - ClaudeCost(40, 4), await AvailableAsync());
        Assert.True(Assert.Single(Anthropic.MessageRequests).IsStreaming);
    }

    [Fact]
    public async Task Raw_stream_is_openai_shaped_with_a_priced_usage_chunk_and_done()
    {
        await Admin.CreditAsync(AccountId, "5");

        var events = await RawStreamAsync(ChatBody(stream: true, includeUsage: true));

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Equal("Hello from Claude.", string.Concat(chunks.Select(c => c["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>())));
        Assert.Equal("stop", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(ClaudeCost(12, 5).ToDecimal(), chunks[^1]["usage"]!["cost"]!.GetValue<decimal>());
        Assert.Single(chunks.Select(c => c["id"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task A_single_tool_call_comes_back_with_anthropics_id_and_json_arguments()
    {
        await Admin.CreditAsync(AccountId, "5");
        Anthropic.EnqueueReply(FakeAnthropicReply.ToolUse(FakeToolUseBlock.Of("toolu_01A09q90qw90lq917835lq9", "get_weather", """{"location":"Paris"}""")));

        var completion = (await Sdk().CompleteChatAsync(
            [new UserChatMessage("Weather in Paris?")],
            new ChatCompletionOptions { Tools = { WeatherTool }, ToolChoice = ChatToolChoice.CreateRequiredChoice(), AllowParallelToolCalls = false })).Value;

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("toolu_01A09q90qw90lq917835lq9", call.Id);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("Paris", JsonNode.Parse(call.FunctionArguments.ToString())!["location"]!.GetValue<string>());

        var body = Assert.Single(Anthropic.MessageRequests).Json!;
        Assert.Equal("get_weather", body["tools"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("object", body["tools"]![0]!["input_schema"]!["type"]!.GetValue<string>());
        Assert.Equal("any", body["tool_choice"]!["type"]!.GetValue<string>());
        Assert.True(body["tool_choice"]!["disable_parallel_tool_use"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Parallel_tool_calls_come_back_in_order_after_the_text()
    {
        await Admin.CreditAsync(AccountId, "5");
        Anthropic.EnqueueReply(new FakeAnthropicReply(
            [
                new FakeTextBlock(["Checking both."]),
                FakeToolUseBlock.Of("toolu_A", "get_weather", """{"location":"Paris"}"""),
                FakeToolUseBlock.Of("toolu_B", "get_weather", """{"location":"Rome"}"""),
            ],
            "tool_use"));

        var completion = (await Sdk().CompleteChatAsync([new UserChatMessage("Paris and Rome?")], new ChatCompletionOptions { Tools = { WeatherTool } })).Value;

        Assert.Equal("Checking both.", completion.Content[0].Text);
        Assert.Equal(["toolu_A", "toolu_B"], completion.ToolCalls.Select(c => c.Id));
        Assert.Equal(["Paris", "Rome"], completion.ToolCalls.Select(c => JsonNode.Parse(c.FunctionArguments.ToString())!["location"]!.GetValue<string>()));
        Assert.Null(Assert.Single(Anthropic.MessageRequests).Json!["tool_choice"]);
    }

    [Fact]
    public async Task Streamed_tool_calls_after_thinking_and_text_are_indexed_from_zero_with_id_and_name_first()
    {
        await Admin.CreditAsync(AccountId, "5");
        Anthropic.EnqueueReply(new FakeAnthropicReply(
            [
                new FakeThinkingBlock("Two cities, two calls."),
                new FakeTextBlock(["Let me", " check."]),
                FakeToolUseBlock.Of("toolu_A", "get_weather", """{"location":"San Francisco, CA"}"""),
                FakeToolUseBlock.Of("toolu_B", "get_weather", """{"location":"Rome"}"""),
            ],
            "tool_use",
            OutputTokens: 89));

        var calls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)>();
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in Sdk().CompleteChatStreamingAsync([new UserChatMessage("SF and Rome?")], new ChatCompletionOptions { Tools = { WeatherTool } }))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            finish = update.FinishReason ?? finish;
            foreach (var part in update.ToolCallUpdates)
            {
                if (!calls.TryGetValue(part.Index, out var call))
                {
                    Assert.NotNull(part.ToolCallId); // the first delta of a call carries its id and name
                    call = (part.ToolCallId, part.FunctionName, new StringBuilder());
                    calls[part.Index] = call;
                }

                call.Arguments.Append(part.FunctionArgumentsUpdate?.ToString());
            }
        }

        Assert.Equal("Let me check.", text.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal([0, 1], calls.Keys);
        Assert.Equal(("toolu_A", "get_weather", """{"location":"San Francisco, CA"}"""), (calls[0].Id, calls[0].Name, calls[0].Arguments.ToString()));
        Assert.Equal(("toolu_B", "get_weather", """{"location":"Rome"}"""), (calls[1].Id, calls[1].Name, calls[1].Arguments.ToString()));
        Assert.Equal(Money.Parse("5") - ClaudeCost(12, 89), await AvailableAsync());
    }

    [Fact]
    public async Task A_tool_result_round_trip_sends_tool_use_and_tool_result_upstream_and_charges_both_calls()
    {
        await Admin.CreditAsync(AccountId, "5");
        Anthropic.EnqueueReply(FakeAnthropicReply.ToolUse(FakeToolUseBlock.Of("toolu_01", "get_weather", """{"location":"Paris"}""")) with { InputTokens = 50 });
        Anthropic.EnqueueReply(FakeAnthropicReply.Text("It is 21 °C in Paris.", inputTokens: 120, outputTokens: 9));
        var options = new ChatCompletionOptions { Tools = { WeatherTool } };
        List<ChatMessage> conversation = [new UserChatMessage("Weather in Paris?")];

        var first = (await Sdk().CompleteChatAsync(conversation, options)).Value;
        conversation.Add(new AssistantChatMessage(first));
        conversation.Add(new ToolChatMessage(first.ToolCalls[0].Id, """{"temperature_c":21}"""));
        var second = (await Sdk().CompleteChatAsync(conversation, options)).Value;

        Assert.Equal("It is 21 °C in Paris.", second.Content[0].Text);
        var messages = Anthropic.MessageRequests[1].Json!["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        var toolUse = Assert.Single(messages[1]!["content"]!.AsArray())!;
        Assert.Equal("tool_use", toolUse["type"]!.GetValue<string>());
        Assert.Equal("toolu_01", toolUse["id"]!.GetValue<string>());
        Assert.Equal("Paris", toolUse["input"]!["location"]!.GetValue<string>());
        var toolResult = Assert.Single(messages[2]!["content"]!.AsArray())!;
        Assert.Equal("tool_result", toolResult["type"]!.GetValue<string>());
        Assert.Equal("toolu_01", toolResult["tool_use_id"]!.GetValue<string>());
        Assert.Equal("""{"temperature_c":21}""", toolResult["content"]!.GetValue<string>());
        Assert.Equal(Money.Parse("5") - ClaudeCost(50, 40) - ClaudeCost(120, 9), await AvailableAsync());
    }

    [Theory]
    [InlineData(400, "invalid_request_error", "messages.0: all messages must have non-empty content except for the optional final assistant message")]
    [InlineData(404, "not_found_error", "model: claude-sonnet-4-5-20250929")]
    [InlineData(429, "rate_limit_error", "This request would exceed the rate limit of 50 requests per minute.")]
    [InlineData(529, "overloaded_error", "Overloaded")]
    public async Task Anthropic_refusals_reach_the_client_with_status_type_and_message_marked_as_upstream_and_cost_nothing(int status, string type, string message)
    {
        await Admin.CreditAsync(AccountId, "1");
        Anthropic.EnqueueError(status, type, message, status == 429 ? TimeSpan.FromSeconds(7) : null);

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody()));

        await response.AssertStatusAsync((HttpStatusCode)status);
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.Equal(message, error["message"]!.GetValue<string>());
        Assert.Equal("anthropic", error["metadata"]!["provider"]!.GetValue<string>());
        Assert.Equal("upstream", response.Headers.GetValues("x-omniakey-error-source").Single());
        Assert.DoesNotContain(Anthropic.ApiKey, error.ToJsonString(), StringComparison.Ordinal);
        if (status == 429)
        {
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    [Fact]
    public async Task An_anthropic_429_naming_our_organisation_keeps_status_and_type_with_a_neutral_message()
    {
        await Admin.CreditAsync(AccountId, "1");
        Anthropic.EnqueueError(429, "rate_limit_error", "This request would exceed the rate limit for your organization (5f1c…) of 50 requests per minute.", TimeSpan.FromSeconds(7));

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody()));

        await response.AssertStatusAsync(HttpStatusCode.TooManyRequests);
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal("rate_limit_error", error["type"]!.GetValue<string>());
        Assert.DoesNotContain("organization", error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    [Theory]
    [InlineData(401, "authentication_error", "invalid x-api-key")]
    [InlineData(403, "permission_error", "Your API key does not have permission to use the specified resource.")]
    public async Task An_anthropic_refusal_of_our_credential_is_a_gateway_502_and_costs_nothing(int status, string type, string message)
    {
        await Admin.CreditAsync(AccountId, "1");
        Anthropic.EnqueueError(status, type, message, null);

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody()));

        await response.AssertStatusAsync(HttpStatusCode.BadGateway);
        Assert.Equal("gateway", response.Headers.GetValues("x-omniakey-error-source").Single());
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal("upstream_unavailable", error["code"]!.GetValue<string>());
        Assert.DoesNotContain(message, error.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    [Fact]
    public async Task Anthropic_gets_the_accounts_pseudonym_as_metadata_user_id_never_the_clients_user()
    {
        await Admin.CreditAsync(AccountId, "1");
        var body = ChatBody();
        body["user"] = "alice@example.com";
        body["metadata"] = new JsonObject { ["user_id"] = "alice" };

        await (await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(body))).AssertSuccessAsync();
        await (await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody()))).AssertSuccessAsync();

        var sent = Anthropic.MessageRequests;
        Assert.Equal(2, sent.Count);
        Assert.DoesNotContain("alice", sent[0].Body, StringComparison.Ordinal);
        var userIds = sent.Select(r => r.Json!["metadata"]!["user_id"]!.GetValue<string>()).ToList();
        Assert.Equal(userIds[0], userIds[1]);
        Assert.StartsWith("omk_", userIds[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mid_stream_overload_becomes_an_error_chunk_without_done_and_bills_only_what_was_delivered()
    {
        await Admin.CreditAsync(AccountId, "1");
        Anthropic.EnqueueStreamError(afterPieces: 2);

        var events = await RawStreamAsync(ChatBody(stream: true));

        Assert.DoesNotContain("[DONE]", events);
        var chunks = events.Select(e => JsonNode.Parse(e)!).ToList();
        Assert.Equal("Hello from", string.Concat(chunks.Select(c => c["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>())));
        var error = chunks[^1]["error"]!;
        Assert.Equal("overloaded_error", error["type"]!.GetValue<string>());
        Assert.Equal("Overloaded", error["message"]!.GetValue<string>());
        Assert.DoesNotContain(chunks, c => c["choices"]?.AsArray().FirstOrDefault()?["finish_reason"] is not null);

        // message_start reported the 12 input tokens; the two delivered words are counted with the tokenizer.
        var charged = Money.Parse("1") - await AvailableAsync();
        Assert.InRange(charged.NanoUsd, ClaudeCost(12, 1).NanoUsd, ClaudeCost(12, 5).NanoUsd);
    }

    [Fact]
    public async Task An_overloaded_anthropic_channel_fails_over_to_another_anthropic_channel_and_the_call_is_charged_once()
    {
        await Admin.CreditAsync(AccountId, "5");
        await using var backup = await FakeAnthropicServer.StartNewAsync("sk-ant-backup-key");
        var channels = (await (await Admin.GetAsync("/admin/v1/channels")).ReadJsonNodeAsync())["data"]!.AsArray();
        var primaryId = channels.Single(c => c!["name"]!.GetValue<string>() == "default-anthropic")!["id"]!.GetValue<Guid>();
        await (await Admin.PatchAsJsonAsync($"/admin/v1/channels/{primaryId}", new { priority = 10 })).AssertSuccessAsync();
        var created = await Admin.PostJsonAsync("/admin/v1/channels", new { name = "backup-anthropic", provider = "anthropic", base_url = backup.BaseUrl, credential = backup.ApiKey, priority = 0 });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        Anthropic.EnqueueError(529, "overloaded_error", "Overloaded");
        backup.DefaultReply = FakeAnthropicReply.Text("From the backup.", inputTokens: 20, outputTokens: 4);

        var completion = (await Sdk().CompleteChatAsync([new UserChatMessage("Hi")])).Value;

        Assert.Equal("From the backup.", completion.Content[0].Text);
        Assert.Single(Anthropic.MessageRequests);
        Assert.Equal(backup.ApiKey, Assert.Single(backup.MessageRequests).Headers["x-api-key"]);
        Assert.Equal(Anthropic.MessageRequests[0].Body, backup.MessageRequests[0].Body);
        Assert.Equal(Money.Parse("5") - ClaudeCost(20, 4), await AvailableAsync());
    }

    [Theory]
    [InlineData("""{"model":"claude-sonnet-4-5","n":2,"messages":[{"role":"user","content":"Hi"}]}""", "n")]
    [InlineData("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"},{"role":"assistant","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}""", "messages[1].tool_calls[0].function.arguments")]
    [InlineData("""{"model":"claude-sonnet-4-5","response_format":{"type":"json_object"},"messages":[{"role":"user","content":"Reply in JSON"}]}""", "response_format")]
    public async Task Requests_claude_cannot_serve_get_a_400_naming_the_parameter_and_are_not_sent(string body, string param)
    {
        await Admin.CreditAsync(AccountId, "1");

        using var response = await ApiClient().PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Equal(param, error["param"]!.GetValue<string>());
        Assert.Empty(Anthropic.MessageRequests);
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    private static Money ClaudeCost(long uncachedInput, long output, long cacheRead = 0, long cacheWrite = 0) =>
        CostRounding.ToMoney(
            Input.ExactCostOf(uncachedInput)
            + CacheRead.ExactCostOf(cacheRead)
            + CacheWrite.ExactCostOf(cacheWrite)
            + Output.ExactCostOf(output));

    private static JsonObject ChatBody(bool stream = false, bool includeUsage = false)
    {
        var body = new JsonObject
        {
            ["model"] = Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["max_tokens"] = 50,
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

    private ChatClient Sdk() =>
        new(Model, new ApiKeyCredential(ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(Fixture.App.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(Fixture.App.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    /// <summary>The <c>data:</c> payloads of a raw SSE answer, in order.</summary>
    private async Task<List<string>> RawStreamAsync(JsonObject body)
    {
        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(body));
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..])];
    }
}

public sealed class SqliteAnthropicChatTests(SqliteAnthropicGatewayFixture fixture)
    : AnthropicChatTests<SqliteAnthropicGatewayFixture>(fixture), IClassFixture<SqliteAnthropicGatewayFixture>;

public sealed class PostgresAnthropicChatTests(PostgresAnthropicGatewayFixture fixture)
    : AnthropicChatTests<PostgresAnthropicGatewayFixture>(fixture), IClassFixture<PostgresAnthropicGatewayFixture>;
