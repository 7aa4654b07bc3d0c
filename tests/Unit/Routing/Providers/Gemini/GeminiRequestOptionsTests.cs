using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Gemini.GeminiTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Gemini;

/// <summary>Sampling and output options → Gemini generationConfig (docs/providers.md#gemini-generation-config).</summary>
public sealed class GeminiRequestOptionsTests
{
    private const string Hi = """[{"role":"user","content":"Hi"}]""";

    [Theory]
    [InlineData("\"max_tokens\":100", """{"maxOutputTokens":100}""")]
    [InlineData("\"max_completion_tokens\":300,\"max_tokens\":100", """{"maxOutputTokens":300}""")]
    [InlineData("\"temperature\":1.5,\"top_p\":0.95", """{"temperature":1.5,"topP":0.95}""")]
    [InlineData("\"temperature\":0", """{"temperature":0}""")]
    [InlineData("\"stop\":\"END\"", """{"stopSequences":["END"]}""")]
    [InlineData("\"stop\":[\"a\",\"b\",\"c\",\"d\"]", """{"stopSequences":["a","b","c","d"]}""")]
    [InlineData("\"stop\":null", null)]
    [InlineData("\"n\":3", """{"candidateCount":3}""")]
    [InlineData("\"n\":1", null)]
    [InlineData("\"seed\":7,\"presence_penalty\":0.5,\"frequency_penalty\":-0.5", """{"seed":7,"presencePenalty":0.5,"frequencyPenalty":-0.5}""")]
    [InlineData("\"response_format\":{\"type\":\"text\"}", null)]
    [InlineData("\"response_format\":{\"type\":\"json_object\"}", """{"responseMimeType":"application/json"}""")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"p\",\"strict\":true,\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}}}",
        """{"responseMimeType":"application/json","responseJsonSchema":{"type":"object","properties":{"a":{"type":"integer"}}}}""")]
    [InlineData("\"reasoning_effort\":\"low\"", """{"thinkingConfig":{"thinkingBudget":1024}}""")]
    [InlineData("\"logprobs\":true,\"top_logprobs\":2,\"logit_bias\":{\"1\":5},\"user\":\"u\"", null)]
    public void Options_map_to_generation_config(string options, string? expected)
    {
        var body = TranslateChat(Hi, options);
        Assert.Equal(expected ?? "null", Json(body["generationConfig"]));
    }

    [Fact]
    public void No_output_limit_is_invented_because_gemini_does_not_require_one()
    {
        var body = TranslateChat(Hi);
        Assert.False(body.ContainsKey("generationConfig"));
    }

    [Theory]
    [InlineData("\"stop\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]", "stop")]
    [InlineData("\"stop\":[1]", "stop")]
    [InlineData("\"temperature\":\"hot\"", "temperature")]
    [InlineData("\"top_p\":\"most\"", "top_p")]
    [InlineData("\"response_format\":{\"type\":\"yaml\"}", "response_format.type")]
    [InlineData("\"reasoning_effort\":\"extreme\"", "reasoning_effort")]
    public void Options_gemini_cannot_take_are_refused_naming_the_parameter(string options, string param) =>
        Assert.Equal(param, Refusal(Chat(Hi, options)).Param);

    [Fact]
    public void Several_choices_are_refused_on_streams_naming_n()
    {
        var refusal = Refusal(Chat(Hi, "\"n\":2,\"stream\":true"));
        Assert.Equal("n", refusal.Param);
    }

    [Fact]
    public void A_stream_asks_for_nothing_extra_in_the_body()
    {
        var body = TranslateChat(Hi, "\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        Assert.Equal(["contents"], body.Select(p => p.Key).ToArray());
    }
}
