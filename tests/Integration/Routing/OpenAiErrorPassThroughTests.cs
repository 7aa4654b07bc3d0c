using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Routing;

/// <summary>
/// OpenAI's own refusals reach the client unchanged in status, type, code and message, and cost nothing. Errors about
/// our own OpenAI account are covered by <see cref="ForwardingTests{TFixture}"/>.
/// </summary>
public sealed class OpenAiErrorPassThroughTests(SqliteGatewayFixture fixture)
    : GatewayTestBase<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>
{
    [Theory]
    [InlineData(400, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 128000 tokens.")]
    [InlineData(404, "invalid_request_error", "model_not_found", "The model `gpt-4o` does not exist or you do not have access to it.")]
    [InlineData(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests. Please try again in 20ms.")]
    public async Task An_upstream_refusal_keeps_the_upstreams_status_type_code_and_message(int status, string type, string code, string message)
    {
        await Admin.CreditAsync(AccountId, "1");
        Fixture.Upstream.EnqueueError(status, type, code, message);

        var response = await ApiClient().PostJsonAsync("/v1/chat/completions", Body(stream: false));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("upstream", response.Headers.GetValues("x-omniakey-error-source").Single());
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.Equal(message, error["message"]!.GetValue<string>());
        Assert.Equal("openai", error["metadata"]!["provider"]!.GetValue<string>());
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
        Assert.Equal("0", (await Customer.GetBalanceAsync()).Reserved);
    }

    [Fact]
    public async Task A_mid_stream_error_becomes_an_error_chunk_then_the_end_of_the_stream()
    {
        await Admin.CreditAsync(AccountId, "1");
        Fixture.Upstream.Enqueue(new FakeBehavior
        {
            BreakAfterPieces = 2,
            StreamError = new FakeError(500, "server_error", null, "The server had an error while processing your request."),
        });

        var response = await ApiClient().PostJsonAsync("/v1/chat/completions", Body(stream: true));

        await response.AssertSuccessAsync();
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("\"Hello\"", events[1], StringComparison.Ordinal);
        var last = JsonNode.Parse(events[^1]["data: ".Length..])!;
        Assert.Equal("The server had an error while processing your request.", last["error"]!["message"]!.GetValue<string>());
        Assert.Equal("openai", last["error"]!["metadata"]!["provider"]!.GetValue<string>());
        Assert.DoesNotContain(events, e => e.Contains("[DONE]", StringComparison.Ordinal));
        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal("stream_interrupted", record.Status);
        Assert.Equal("estimated", record.UsageSource);
        Assert.Equal(2, record.OutputTokens);
        Assert.Equal(Money.Parse("1") - record.Charged, await AvailableAsync());
    }

    private static JsonObject Body(bool stream) => new()
    {
        ["model"] = "gpt-4o",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
        ["stream"] = stream,
    };
}
