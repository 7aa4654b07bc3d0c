using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Xunit;

namespace OmniaKey.UnitTests.Routing;

/// <summary>
/// Validation of <c>POST /v1/chat/completions</c> bodies before anything is reserved: each invalid field is named in
/// OpenAI's <c>error.param</c>.
/// </summary>
public sealed class ChatRequestTests
{
    private const string Messages = """[{"role":"user","content":"Hello"}]""";

    [Fact]
    public void A_minimal_request_is_read_with_the_defaults()
    {
        var body = Parse($$"""{"model":"gpt-4o","messages":{{Messages}}}""");

        var (request, param, error) = ChatRequest.Read(body);

        Assert.Null(param);
        Assert.Null(error);
        Assert.NotNull(request);
        Assert.Equal("gpt-4o", request.Model);
        Assert.False(request.Stream);
        Assert.False(request.ClientWantsUsage);
        Assert.Null(request.MaxOutputTokens);
        Assert.Equal(1, request.Choices);
        Assert.Same(body, request.Body);
    }

    [Fact]
    public void Fields_the_gateway_does_not_read_are_kept_for_the_upstream()
    {
        var (request, _, _) = ChatRequest.Read(Parse($$$"""
            {"model":"gpt-4o","messages":{{{Messages}}},"temperature":0.2,"tools":[{"type":"function","function":{"name":"f"}}],"user":"u-1"}
            """));

        Assert.NotNull(request);
        Assert.Equal(0.2, request.Body["temperature"]!.GetValue<double>());
        Assert.Equal("f", request.Body["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("u-1", request.Body["user"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void A_streaming_client_asks_for_the_usage_chunk_with_stream_options(string includeUsage, bool expected)
    {
        var (request, _, _) = ChatRequest.Read(Parse($$$"""
            {"model":"gpt-4o","messages":{{{Messages}}},"stream":true,"stream_options":{"include_usage":{{{includeUsage}}}}}
            """));

        Assert.NotNull(request);
        Assert.True(request.Stream);
        Assert.Equal(expected, request.ClientWantsUsage);
    }

    [Fact]
    public void A_stream_without_stream_options_does_not_want_the_usage_chunk()
    {
        var (request, _, _) = ChatRequest.Read(Parse($$"""{"model":"gpt-4o","messages":{{Messages}},"stream":true}"""));

        Assert.True(request!.Stream);
        Assert.False(request.ClientWantsUsage);
    }

    [Theory]
    [InlineData(""" "max_tokens":300 """, 300L)]
    [InlineData(""" "max_completion_tokens":400 """, 400L)]
    [InlineData(""" "max_tokens":300,"max_completion_tokens":400 """, 400L)]
    public void The_output_cap_prefers_max_completion_tokens_over_max_tokens(string fields, long expected)
    {
        var (request, _, _) = ChatRequest.Read(Parse($$"""{"model":"gpt-4o","messages":{{Messages}},{{fields}}}"""));

        Assert.Equal(expected, request!.MaxOutputTokens);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    public void Up_to_128_choices_are_allowed(int n) =>
        Assert.Equal(n, ChatRequest.Read(Parse($$"""{"model":"gpt-4o","messages":{{Messages}},"n":{{n}}}""")).Request!.Choices);

    [Theory]
    [InlineData("developer")]
    [InlineData("system")]
    [InlineData("user")]
    [InlineData("assistant")]
    [InlineData("tool")]
    [InlineData("function")]
    public void Every_openai_message_role_is_accepted(string role) =>
        Assert.NotNull(ChatRequest.Read(Parse($$"""{"model":"gpt-4o","messages":[{"role":"{{role}}","content":"x"}]}""")).Request);

    [Theory]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_body_that_is_not_an_object_is_refused_without_a_param(string json)
    {
        var (request, param, error) = ChatRequest.Read(JsonNode.Parse(json));

        Assert.Null(request);
        Assert.Null(param);
        Assert.Contains("JSON object", error, StringComparison.Ordinal);
    }

    [Theory]
    // model
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":null,"messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":5,"messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":"  ","messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":["gpt-4o"],"messages":[{"role":"user","content":"x"}]}""", "model")]
    // messages
    [InlineData("""{"model":"gpt-4o"}""", "messages")]
    [InlineData("""{"model":"gpt-4o","messages":[]}""", "messages")]
    [InlineData("""{"model":"gpt-4o","messages":{"role":"user"}}""", "messages")]
    [InlineData("""{"model":"gpt-4o","messages":"Hello"}""", "messages")]
    [InlineData("""{"model":"gpt-4o","messages":[1]}""", "messages[0].role")]
    [InlineData("""{"model":"gpt-4o","messages":[{"content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":7,"content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"User","content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"},{"role":"robot","content":"y"}]}""", "messages[1].role")]
    // stream and stream_options
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stream":"true"}""", "stream")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stream":1}""", "stream")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stream_options":{"include_usage":true}}""", "stream_options")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stream":false,"stream_options":{}}""", "stream_options")]
    // output caps
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_tokens":0}""", "max_tokens")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_tokens":-1}""", "max_tokens")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_tokens":1.5}""", "max_tokens")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_tokens":"100"}""", "max_tokens")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_tokens":1e30}""", "max_tokens")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_completion_tokens":0}""", "max_completion_tokens")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_completion_tokens":100,"max_tokens":0}""", "max_tokens")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_completion_tokens":true}""", "max_completion_tokens")]
    // n
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"n":0}""", "n")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"n":129}""", "n")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"n":2.5}""", "n")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"n":"2"}""", "n")]
    public void Each_invalid_field_is_named_as_the_param(string json, string expectedParam)
    {
        var (request, param, error) = ChatRequest.Read(Parse(json));

        Assert.Null(request);
        Assert.Equal(expectedParam, param);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void The_first_invalid_field_in_reading_order_is_reported()
    {
        // Both model and messages are wrong: model is checked first, as OpenAI does.
        Assert.Equal("model", ChatRequest.Read(Parse("""{"messages":[]}""")).Param);
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
