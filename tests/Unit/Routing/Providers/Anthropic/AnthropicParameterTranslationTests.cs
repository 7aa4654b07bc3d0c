using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Identity;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Anthropic.AnthropicTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Anthropic;

/// <summary>Top-level request parameters → Anthropic (docs/providers.md#anthropic-parameters).</summary>
public sealed class AnthropicParameterTranslationTests
{
    [Fact]
    public void The_upstream_model_replaces_the_client_model_and_the_payload_targets_v1_messages()
    {
        var payload = Adapter.Translate(Request(UserHello()), Model());
        var body = JsonNode.Parse(payload.Body)!;

        Assert.Equal("v1/messages", payload.Path);
        Assert.False(payload.Stream);
        Assert.Equal("claude-sonnet-4-5-20250929", body["model"]!.GetValue<string>());
        Assert.Null(body["stream"]);
    }

    [Fact]
    public void Streaming_requests_ask_Anthropic_to_stream()
    {
        var payload = Adapter.Translate(Request(UserHello("\"stream\":true,\"stream_options\":{\"include_usage\":true}")), Model());

        Assert.True(payload.Stream);
        var body = JsonNode.Parse(payload.Body)!;
        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.Null(body["stream_options"]);
    }

    [Theory]
    [InlineData("\"max_completion_tokens\":300", 64000, 300)]
    [InlineData("\"max_tokens\":200", 64000, 200)]
    [InlineData("\"max_tokens\":200,\"max_completion_tokens\":300", 64000, 300)]
    [InlineData("", 64000, 64000)]
    [InlineData("", 0, 4096)]
    public void Max_tokens_is_always_sent_defaulting_to_the_models_output_limit(string extra, int modelLimit, long expected)
    {
        var body = Translate(UserHello(extra), Model(modelLimit));

        Assert.Equal(expected, body["max_tokens"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.7", 0.7)]
    [InlineData("1", 1.0)]
    [InlineData("1.5", 1.0)]
    [InlineData("2", 1.0)]
    public void Temperature_keeps_its_value_up_to_1_and_openai_values_above_1_are_clamped_to_1(string temperature, double expected)
    {
        var body = Translate(UserHello($"\"temperature\":{temperature}"));

        Assert.Equal(expected, body["temperature"]!.GetValue<double>());
    }

    [Fact]
    public void Top_p_is_passed_on_and_absent_sampling_fields_stay_absent()
    {
        Assert.Equal(0.9, Translate(UserHello("\"top_p\":0.9"))["top_p"]!.GetValue<double>());
        var plain = Translate(UserHello("\"temperature\":null"));
        Assert.Null(plain["temperature"]);
        Assert.Null(plain["top_p"]);
        Assert.Null(plain["stop_sequences"]);
    }

    [Theory]
    [InlineData("\"temperature\":2.5", "temperature")]
    [InlineData("\"temperature\":-0.1", "temperature")]
    [InlineData("\"temperature\":\"hot\"", "temperature")]
    [InlineData("\"top_p\":1.5", "top_p")]
    [InlineData("\"n\":2", "n")]
    [InlineData("\"stop\":[\"END\",3]", "stop[1]")]
    [InlineData("\"stop\":{\"a\":1}", "stop")]
    [InlineData("\"response_format\":{\"type\":\"json_object\"}", "response_format")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\"}}", "response_format.json_schema.schema")]
    [InlineData("\"response_format\":{\"type\":\"yaml\"}", "response_format.type")]
    public void Parameters_Claude_cannot_honour_are_a_400_naming_them(string extra, string param)
    {
        Assert.Equal(param, TranslationError(UserHello(extra)).Param);
    }

    [Fact]
    public void N_of_1_is_accepted()
    {
        Assert.NotNull(Translate(UserHello("\"n\":1")));
    }

    [Theory]
    [InlineData("\"stop\":\"END\"", """["END"]""")]
    [InlineData("\"stop\":[\"END\",\"\",\"STOP\"]", """["END","STOP"]""")]
    public void Stop_becomes_stop_sequences(string extra, string expected)
    {
        AssertJson(expected, Translate(UserHello(extra))["stop_sequences"]);
    }

    [Fact]
    public void An_empty_stop_is_not_sent()
    {
        Assert.Null(Translate(UserHello("\"stop\":\"\""))["stop_sequences"]);
    }

    [Fact]
    public void Json_schema_response_format_becomes_output_config_format_and_text_is_the_default()
    {
        var body = Translate(UserHello("""
            "response_format":{"type":"json_schema","json_schema":{"name":"answer","strict":true,"schema":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}}}
            """));

        AssertJson(
            """{"format":{"type":"json_schema","schema":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}}}""",
            body["output_config"]!);
        Assert.Null(Translate(UserHello("\"response_format\":{\"type\":\"text\"}"))["output_config"]);
    }

    [Fact]
    public void The_clients_user_and_metadata_are_dropped_and_fields_without_an_equivalent_too()
    {
        var body = Translate(UserHello("""
            "user":"user-42","metadata":{"user_id":"mine"},"seed":7,"logprobs":true,"top_logprobs":2,"frequency_penalty":0.5,"presence_penalty":0.5,"logit_bias":{"1":2},"service_tier":"auto","store":true
            """));

        Assert.Equal(["model", "max_tokens", "messages"], body.Select(p => p.Key));
    }

    [Fact]
    public void Metadata_user_id_is_the_accounts_pseudonym_never_the_clients_user()
    {
        var identity = new UpstreamIdentities(new byte[32]).For(Guid.NewGuid());
        var request = Request(UserHello("\"user\":\"user-42\"")) with { Identity = identity };

        var body = JsonNode.Parse(Adapter.Translate(request, Model()).Body)!.AsObject();

        AssertJson($$"""{"user_id":"{{identity.EndUserId}}"}""", body["metadata"]!);
        Assert.DoesNotContain("user-42", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"priority\"")]
    [InlineData("\"flex\"")]
    [InlineData("1")]
    public void A_service_tier_other_than_the_standard_one_is_refused(string tier)
    {
        var error = TranslationError(UserHello($"\"service_tier\":{tier}"));

        Assert.Equal("service_tier", error.Param);
    }
}
