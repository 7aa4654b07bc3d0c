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

/// <summary>
/// <c>gemini-*</c> models end to end: the official OpenAI .NET SDK talks to OmniaKey, which translates to and from
/// the fake Gemini upstream (<see cref="FakeGeminiServer"/>) and charges the usage Gemini reports.
/// </summary>
public abstract class GeminiChatTests<TFixture> : GatewayTestBase<TFixture>
    where TFixture : GeminiGatewayFixture
{
    private const string Model = "gemini-2.5-flash";
    private static readonly BinaryData WeatherParameters = BinaryData.FromString(
        """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""");

    protected GeminiChatTests(TFixture fixture)
        : base(fixture) => fixture.Gemini.Reset();

    private FakeGeminiServer Gemini => Fixture.Gemini;

    [Fact]
    public async Task Sdk_chat_call_is_translated_both_ways_and_charged_from_gemini_usage()
    {
        await Admin.CreditAsync(AccountId, "5");
        var reply = FakeGeminiReply.Text("Bonjour !", promptTokens: 1200, candidatesTokens: 300, thoughtsTokens: 45);
        Gemini.DefaultReply = reply with { Thoughts = ["**Greeting** in French"] };

        var completion = (await Sdk().CompleteChatAsync(
            [new SystemChatMessage("Answer in French."), new UserChatMessage("Say hi")],
            new ChatCompletionOptions { MaxOutputTokenCount = 500, Temperature = 0.4f })).Value;

        Assert.Equal("Bonjour !", Assert.Single(completion.Content).Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(Model, completion.Model);
        Assert.Equal(1200, completion.Usage.InputTokenCount);
        Assert.Equal(345, completion.Usage.OutputTokenCount);
        Assert.Equal(45, completion.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(Money.Parse("5") - await CostAsync(1200, 345), await AvailableAsync());

        var upstream = Assert.Single(Gemini.Requests);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", upstream.Path);
        Assert.Equal(Gemini.ApiKey, upstream.Headers["x-goog-api-key"]);
        Assert.False(upstream.Headers.ContainsKey("Authorization"));
        Assert.Equal("Answer in French.", upstream.Json!["systemInstruction"]!["parts"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Say hi", upstream.Json["contents"]![0]!["parts"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(500, upstream.Json["generationConfig"]!["maxOutputTokens"]!.GetValue<int>());
        Assert.Empty(Fixture.Upstream.ChatRequests);
    }

    [Fact]
    public async Task Sdk_stream_is_translated_chunk_by_chunk_and_charged_from_the_last_usage()
    {
        await Admin.CreditAsync(AccountId, "5");
        Gemini.DefaultReply = new FakeGeminiReply(["Once", " upon", " a", " time"], PromptTokens: 40, CandidatesTokens: 4) { Thoughts = ["Plot first."] };

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
        Assert.Equal(40, usage!.InputTokenCount);
        Assert.Equal(4, usage.OutputTokenCount);
        Assert.Equal(Money.Parse("5") - await CostAsync(40, 4), await AvailableAsync());
        Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", Assert.Single(Gemini.Requests).Path);
    }

    [Fact]
    public async Task Single_tool_call_comes_back_as_an_openai_tool_call()
    {
        await Admin.CreditAsync(AccountId, "5");
        Gemini.DefaultReply = FakeGeminiReply.Calling(new FakeGeminiCall("get_weather", """{"city":"Paris"}"""));

        var completion = (await Sdk().CompleteChatAsync([new UserChatMessage("Weather in Paris?")], ToolOptions(ChatToolChoice.CreateRequiredChoice()))).Value;

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Empty(completion.Content);
        var call = Assert.Single(completion.ToolCalls);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("""{"city":"Paris"}""", call.FunctionArguments.ToString());

        var upstream = Assert.Single(Gemini.Requests).Json!;
        Assert.Equal("get_weather", upstream["tools"]![0]!["functionDeclarations"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("object", upstream["tools"]![0]!["functionDeclarations"]![0]!["parametersJsonSchema"]!["type"]!.GetValue<string>());
        Assert.Equal("ANY", upstream["toolConfig"]!["functionCallingConfig"]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Parallel_tool_calls_each_get_their_own_id()
    {
        await Admin.CreditAsync(AccountId, "5");
        Gemini.DefaultReply = FakeGeminiReply.Calling(
            new FakeGeminiCall("get_weather", """{"city":"Paris"}"""),
            new FakeGeminiCall("get_weather", """{"city":"Rome"}"""),
            new FakeGeminiCall("get_weather", """{"city":"Oslo"}"""));

        var completion = (await Sdk().CompleteChatAsync([new UserChatMessage("Weather in three cities?")], ToolOptions())).Value;

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal(["Paris", "Rome", "Oslo"], completion.ToolCalls.Select(c => JsonNode.Parse(c.FunctionArguments.ToString())!["city"]!.GetValue<string>()));
        Assert.Equal(3, completion.ToolCalls.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public async Task Streamed_tool_calls_arrive_as_indexed_deltas_the_sdk_can_assemble()
    {
        await Admin.CreditAsync(AccountId, "5");
        Gemini.DefaultReply = new FakeGeminiReply(["Checking."], 30, 12)
        {
            Calls = [new FakeGeminiCall("get_weather", """{"city":"Paris"}"""), new FakeGeminiCall("get_weather", """{"city":"Rome"}""")],
        };

        var ids = new Dictionary<int, string>();
        var names = new Dictionary<int, string>();
        var arguments = new Dictionary<int, StringBuilder>();
        ChatFinishReason? finish = null;
        await foreach (var update in Sdk().CompleteChatStreamingAsync([new UserChatMessage("Weather?")], ToolOptions()))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                if (call.ToolCallId is { } id)
                {
                    ids[call.Index] = id;
                    names[call.Index] = call.FunctionName;
                }

                var builder = arguments.TryGetValue(call.Index, out var b) ? b : arguments[call.Index] = new StringBuilder();
                builder.Append(call.FunctionArgumentsUpdate?.ToString());
            }

            finish = update.FinishReason ?? finish;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal([0, 1], ids.Keys.Order());
        Assert.All(ids.Values, id => Assert.StartsWith("call_", id, StringComparison.Ordinal));
        Assert.Equal(["get_weather", "get_weather"], names.Values);
        Assert.Equal("""{"city":"Paris"}""", arguments[0].ToString());
        Assert.Equal("""{"city":"Rome"}""", arguments[1].ToString());
        Assert.Equal(Money.Parse("5") - await CostAsync(30, 12), await AvailableAsync());
    }

    [Fact]
    public async Task Tool_result_round_trip_sends_names_results_and_thought_signatures_back_to_gemini()
    {
        await Admin.CreditAsync(AccountId, "5");
        Gemini.RequireThoughtSignatures = true;
        Gemini.EnqueueReply(FakeGeminiReply.Calling(new FakeGeminiCall("get_weather", """{"city":"Paris"}"""), new FakeGeminiCall("get_time", "{}")));
        Gemini.EnqueueReply(FakeGeminiReply.Text("Sunny, 24°C, and it is noon."));
        List<ChatMessage> messages = [new UserChatMessage("Weather and time in Paris?")];

        var first = (await Sdk().CompleteChatAsync(messages, ToolOptions())).Value;
        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(first.ToolCalls[0].Id, "sunny, 24°C"));
        messages.Add(new ToolChatMessage(first.ToolCalls[1].Id, "12:00"));
        var second = (await Sdk().CompleteChatAsync(messages, ToolOptions())).Value;

        Assert.Equal("Sunny, 24°C, and it is noon.", Assert.Single(second.Content).Text);
        var contents = Gemini.Requests[1].Json!["contents"]!.AsArray();
        Assert.Equal(["user", "model", "user"], contents.Select(c => c!["role"]!.GetValue<string>()));
        var calls = contents[1]!["parts"]!.AsArray();
        Assert.Equal(["get_weather", "get_time"], calls.Select(p => p!["functionCall"]!["name"]!.GetValue<string>()));
        Assert.NotNull(calls[0]!["thoughtSignature"]);
        var results = contents[2]!["parts"]!.AsArray();
        Assert.Equal(["get_weather", "get_time"], results.Select(p => p!["functionResponse"]!["name"]!.GetValue<string>()));
        Assert.Equal(["sunny, 24°C", "12:00"], results.Select(p => p!["functionResponse"]!["response"]!["result"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Lost_thought_signature_is_refused_by_gemini_and_passed_through()
    {
        await Admin.CreditAsync(AccountId, "1");
        Gemini.RequireThoughtSignatures = true;
        var body = ChatBody(Model);
        body["messages"] = JsonNode.Parse("""
            [{"role":"user","content":"Weather?"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"call_made_up_by_client","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_made_up_by_client","content":"sunny"}]
            """);

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(body));

        var error = await AssertUpstreamErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.Contains("thought_signature", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_with_cached_and_thinking_tokens_is_priced_at_each_rate_and_cost_is_reported()
    {
        await Admin.CreditAsync(AccountId, "5");
        Gemini.DefaultReply = FakeGeminiReply.Text("ok", promptTokens: 100_000, candidatesTokens: 2_000, thoughtsTokens: 8_000, cachedTokens: 60_000);

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody(Model)));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var usage = (await response.ReadJsonNodeAsync())["usage"]!;
        Assert.Equal(100_000, usage["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(10_000, usage["completion_tokens"]!.GetValue<long>());
        Assert.Equal(60_000, usage["prompt_tokens_details"]!["cached_tokens"]!.GetValue<long>());
        Assert.Equal(8_000, usage["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<long>());
        var expected = await CostAsync(100_000, 10_000, cachedTokens: 60_000);
        Assert.Equal(expected.ToDecimal(), usage["cost"]!.GetValue<decimal>());
        Assert.Equal(Money.Parse("5") - expected, await AvailableAsync());
    }

    [Fact]
    public async Task Several_choices_are_served_by_candidate_count_without_streaming()
    {
        await Admin.CreditAsync(AccountId, "5");
        Gemini.DefaultReply = FakeGeminiReply.Text("Idea");
        var body = ChatBody(Model);
        body["n"] = 3;

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(body));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var choices = (await response.ReadJsonNodeAsync())["choices"]!.AsArray();
        Assert.Equal(["Idea", "Idea #2", "Idea #3"], choices.Select(c => c!["message"]!["content"]!.GetValue<string>()));
        Assert.Equal(3, Assert.Single(Gemini.Requests).Json!["generationConfig"]!["candidateCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("n")]
    [InlineData("messages[0].content[1].image_url.url")]
    public async Task Requests_gemini_cannot_serve_get_a_400_naming_the_parameter_and_cost_nothing(string param)
    {
        await Admin.CreditAsync(AccountId, "1");
        var body = ChatBody(Model);
        if (param == "n")
        {
            body["n"] = 2;
            body["stream"] = true;
        }
        else
        {
            body["messages"] = JsonNode.Parse("""
                [{"role":"user","content":[{"type":"text","text":"What is it?"},{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]
                """);
        }

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(body));

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal(param, error["param"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Empty(Gemini.Requests);
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    public static TheoryData<int, string, string?> UpstreamRefusals => new()
    {
        { 400, "INVALID_ARGUMENT", null },
        { 404, "NOT_FOUND", null },
    };

    [Theory]
    [MemberData(nameof(UpstreamRefusals))]
    public async Task Gemini_refusals_keep_status_google_status_and_message_marked_as_upstream(int status, string googleStatus, string? code)
    {
        await Admin.CreditAsync(AccountId, "1");
        var refusal = status == 400
            ? FakeGeminiError.InvalidArgument("Invalid JSON payload received. Unknown name \"foo\": Cannot find field.")
            : FakeGeminiError.NotFound("gemini-2.5-flash");
        Gemini.EnqueueError(refusal);

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody(Model)));

        Assert.Single(Gemini.Requests);
        var error = await AssertUpstreamErrorAsync(response, (HttpStatusCode)status, googleStatus);
        Assert.Equal(refusal.Message, error["message"]!.GetValue<string>());
        Assert.Equal(code, error["code"]?.GetValue<string>());
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    [Fact]
    public async Task A_gemini_quota_error_keeps_status_google_status_and_retry_delay_with_a_neutral_message()
    {
        await Admin.CreditAsync(AccountId, "1");
        Gemini.EnqueueError(FakeGeminiError.RateLimited("23s"));

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody(Model)));

        Assert.Single(Gemini.Requests); // one channel, tried once (a Retry-After must not make it come round again)
        var error = await AssertUpstreamErrorAsync(response, HttpStatusCode.TooManyRequests, "RESOURCE_EXHAUSTED");
        Assert.DoesNotContain("quota", error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("billing", error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("23", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    public static TheoryData<int, string?> CredentialRefusals => new()
    {
        { 400, "API_KEY_INVALID" },
        { 401, null },
        { 403, null },
    };

    [Theory]
    [MemberData(nameof(CredentialRefusals))]
    public async Task A_gemini_refusal_of_our_credential_is_a_gateway_502_and_costs_nothing(int status, string? code)
    {
        await Admin.CreditAsync(AccountId, "1");
        var refusal = (status, code) switch
        {
            (400, _) => FakeGeminiError.InvalidApiKey,
            (401, _) => new FakeGeminiError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."),
            _ => FakeGeminiError.MissingApiKey,
        };
        Gemini.EnqueueError(refusal);

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody(Model)));

        await response.AssertStatusAsync(HttpStatusCode.BadGateway);
        Assert.Equal("gateway", response.Headers.GetValues("x-omniakey-error-source").Single());
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal("upstream_unavailable", error["code"]!.GetValue<string>());
        Assert.DoesNotContain(refusal.Message, error.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    [Fact]
    public async Task Refusal_of_a_stream_request_labelled_event_stream_is_read_as_an_error_not_a_stream()
    {
        await Admin.CreditAsync(AccountId, "1");
        Gemini.EnqueueError(FakeGeminiError.RateLimited("1.5s"));

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody(Model, stream: true)));

        var error = await AssertUpstreamErrorAsync(response, HttpStatusCode.TooManyRequests, "RESOURCE_EXHAUSTED");
        Assert.DoesNotContain("quota", error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    [Fact]
    public async Task Sdk_sees_a_gemini_refusal_as_the_matching_client_exception()
    {
        await Admin.CreditAsync(AccountId, "1");
        Gemini.EnqueueError(FakeGeminiError.NotFound("gemini-2.5-flash"));

        var thrown = await Assert.ThrowsAsync<ClientResultException>(() => Sdk().CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(404, thrown.Status);
        Assert.Contains("is not found for API version v1beta", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_body_written_into_a_200_stream_ends_it_with_an_error_chunk_and_delivered_text_is_charged()
    {
        await Admin.CreditAsync(AccountId, "5");
        Gemini.DefaultReply = new FakeGeminiReply(["One", " two", " three", " four"], PromptTokens: 20, CandidatesTokens: 4);
        Gemini.EnqueueErrorAfter(2, FakeGeminiError.Overloaded);

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody(Model, stream: true)));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        var content = string.Concat(events.Select(e => e["choices"]?[0]?["delta"]?["content"]?.GetValue<string>()));
        Assert.Equal("One two", content);
        var error = events[^1]["error"]!;
        Assert.Equal("The model is overloaded. Please try again later.", error["message"]!.GetValue<string>());
        Assert.Equal("UNAVAILABLE", error["type"]!.GetValue<string>());
        Assert.Equal("gemini", error["metadata"]!["provider"]!.GetValue<string>());
        Assert.DoesNotContain(events, e => e["choices"]?[0]?["finish_reason"] is JsonValue);

        var charged = Money.Parse("5") - await AvailableAsync();
        Assert.True(charged > Money.Zero, "the text delivered before the failure is charged");
        Assert.True(charged < await CostAsync(20, 100), "only what was delivered is charged");
        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal(("stream_interrupted", "estimated", "gemini"), (record.Status, record.UsageSource, record.Provider));
        Assert.Equal(20, record.InputTokens); // Gemini reported the prompt before failing; the output is counted
    }

    [Fact]
    public async Task Stream_that_breaks_is_charged_for_what_was_delivered_and_ends_with_an_error_chunk()
    {
        await Admin.CreditAsync(AccountId, "5");
        Gemini.DefaultReply = new FakeGeminiReply(["Alpha", " beta", " gamma"], PromptTokens: 20, CandidatesTokens: 3);
        Gemini.EnqueueBreakAfter(2);

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(ChatBody(Model, stream: true)));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"content\":\"Alpha\"", raw, StringComparison.Ordinal);
        Assert.Contains("\"error\":{", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", raw, StringComparison.Ordinal);
        Assert.True(await AvailableAsync() < Money.Parse("5"));
    }

    private ChatClient Sdk() =>
        new(Model, new ApiKeyCredential(ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(Fixture.App.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(Fixture.App.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    private static ChatCompletionOptions ToolOptions(ChatToolChoice? choice = null)
    {
        var options = new ChatCompletionOptions { ToolChoice = choice };
        options.Tools.Add(ChatTool.CreateFunctionTool("get_weather", "Current weather in a city", WeatherParameters));
        options.Tools.Add(ChatTool.CreateFunctionTool("get_time", "Local time"));
        return options;
    }

    private static JsonObject ChatBody(string model, bool stream = false)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["max_tokens"] = 100,
        };
        if (stream)
        {
            body["stream"] = true;
        }

        return body;
    }

    /// <summary>The cost at the catalogue's current prices for the model, as <c>GET /v1/models/{id}</c> shows them.</summary>
    private async Task<Money> CostAsync(long inputTokens, long outputTokens, long cachedTokens = 0)
    {
        using var response = await ApiClient().GetAsync($"/v1/models/{Model}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var pricing = (await response.ReadJsonNodeAsync())["pricing"]!;
        TokenPrice Price(string name) => TokenPrice.PerMillion(Money.Parse(pricing[name]!.GetValue<string>()));
        return CostRounding.ToMoney(
            Price("input_per_million_usd").ExactCostOf(inputTokens - cachedTokens)
            + Price("cache_read_per_million_usd").ExactCostOf(cachedTokens)
            + Price("output_per_million_usd").ExactCostOf(outputTokens));
    }

    private static async Task<JsonNode> AssertUpstreamErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        await response.AssertStatusAsync(status);
        Assert.Equal("upstream", response.Headers.GetValues("x-omniakey-error-source").Single());
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.Equal("gemini", error["metadata"]!["provider"]!.GetValue<string>());
        Assert.DoesNotContain(FakeGeminiServer.DefaultApiKey, error.ToJsonString(), StringComparison.Ordinal);
        return error;
    }
}

public sealed class SqliteGeminiChatTests(SqliteGeminiGatewayFixture fixture)
    : GeminiChatTests<SqliteGeminiGatewayFixture>(fixture), IClassFixture<SqliteGeminiGatewayFixture>;

public sealed class PostgresGeminiChatTests(PostgresGeminiGatewayFixture fixture)
    : GeminiChatTests<PostgresGeminiGatewayFixture>(fixture), IClassFixture<PostgresGeminiGatewayFixture>;
