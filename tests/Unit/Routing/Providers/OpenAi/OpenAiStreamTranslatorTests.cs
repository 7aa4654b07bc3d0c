using System.Text.Json;
using OmniaKey.Modules.Billing.Contracts;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.OpenAi.OpenAiStreamTestData;

namespace OmniaKey.UnitTests.Routing.Providers.OpenAi;

/// <summary>
/// OpenAI chunks pass through as the upstream wrote them; the translator's forward-only scan (docs/adr/0022) reads
/// the id, usage, errors and the delivered text.
/// </summary>
public sealed class OpenAiStreamTranslatorTests
{
    [Fact]
    public void A_content_chunk_is_passed_through_as_the_very_text_the_upstream_sent()
    {
        var translator = Translator();
        var emit = new List<string>();
        var chunk = Content("\"Hello\"");

        translator.Translate(null, chunk, emit);

        Assert.Same(chunk, Assert.Single(emit));
        Assert.Equal("Hello", translator.DeliveredText);
        Assert.Equal("chatcmpl-up1", translator.ResponseId);
        Assert.Null(translator.Usage);
        Assert.Null(translator.Error);
    }

    [Fact]
    public void The_usage_only_chunk_is_held_back_and_its_usage_read()
    {
        var translator = Translator();
        var emit = new List<string>();

        translator.Translate(null, UsageOnly(412, 200, cached: 128, reasoning: 64), emit);

        Assert.Empty(emit);
        Assert.Equal(new TokenUsage(412, 200, 128, 0, 64), translator.Usage);
    }

    [Fact]
    public void A_chunk_with_both_choices_and_usage_is_passed_through_and_its_usage_read()
    {
        var translator = Translator();
        var emit = new List<string>();
        var chunk = """{"id":"x","choices":[{"index":0,"delta":{"content":"end"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"prompt_tokens_details":{"cached_tokens":2,"cache_write_tokens":3}}}""";

        translator.Translate(null, chunk, emit);

        Assert.Same(chunk, Assert.Single(emit));
        Assert.Equal(new TokenUsage(5, 1, 2, 3, 0), translator.Usage);
        Assert.Equal("end", translator.DeliveredText);
    }

    [Theory]
    [InlineData("\"caf\\u00e9 \\ud83d\\ude00\"", "café 😀")]
    [InlineData("\"line\\nbreak \\\"quoted\\\" back\\\\slash \\/\"", "line\nbreak \"quoted\" back\\slash /")]
    [InlineData("\"already UTF-8: ü 日本\"", "already UTF-8: ü 日本")]
    public void Escaped_content_is_delivered_unescaped_and_forwarded_escaped(string jsonString, string text)
    {
        var translator = Translator();
        var emit = new List<string>();
        var chunk = Content(jsonString);

        translator.Translate(null, chunk, emit);

        Assert.Equal(text, translator.DeliveredText);
        Assert.Same(chunk, Assert.Single(emit));
    }

    [Fact]
    public void Long_content_is_delivered_whole()
    {
        var translator = Translator();
        var text = string.Concat(Enumerable.Repeat("0123456789é", 200));

        translator.Translate(null, Content(JsonSerializer.Serialize(text)), []);

        Assert.Equal(text, translator.DeliveredText);
    }

    [Fact]
    public void An_error_chunk_ends_the_stream_without_being_forwarded_and_delivers_nothing()
    {
        var translator = Translator();
        var emit = new List<string>();
        translator.Translate(null, Content("\"before \""), emit);

        translator.Translate(null, """{"choices":[{"delta":{"content":"not delivered"}}],"error":{"type":"server_error","code":"overloaded","message":"The server is overloaded."}}""", emit);

        Assert.Single(emit);
        Assert.Equal(new UpstreamErrorView(500, "server_error", "overloaded", "The server is overloaded."), UpstreamErrorView.Of(translator.Error));
        Assert.Equal("before ", translator.DeliveredText);
    }

    [Fact]
    public void An_error_without_type_or_message_gets_the_generic_ones()
    {
        var translator = Translator();

        translator.Translate(null, """{"error":{"code":42}}""", []);

        Assert.Equal(new UpstreamErrorView(500, "server_error", "42", "The upstream stream failed."), UpstreamErrorView.Of(translator.Error));
    }

    [Fact]
    public void Tool_calls_deliver_their_names_and_arguments_after_the_content()
    {
        var translator = Translator();

        translator.Translate(null, """{"id":"a","choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":","name":"weather"}}],"content":"Let me check. "}}]}""", []);
        translator.Translate(null, """{"id":"a","choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}}]}""", []);

        Assert.Equal("Let me check. weather{\"city\":\"Paris\"}", translator.DeliveredText);
    }

    [Fact]
    public void Json_that_does_not_parse_throws_and_delivers_nothing()
    {
        var translator = Translator();
        var emit = new List<string>();

        Assert.ThrowsAny<JsonException>(() => translator.Translate(null, """{"choices":[{"delta":{"content":"half"}}]""", emit));
        Assert.ThrowsAny<JsonException>(() => translator.Translate(null, """{"choices":[]} trailing""", emit));

        Assert.Empty(emit);
        Assert.Equal(string.Empty, translator.DeliveredText);
    }

    [Fact]
    public void The_id_follows_the_upstream_and_DONE_finishes()
    {
        var translator = Translator();
        Assert.Equal("chatcmpl-gateway", translator.ResponseId);

        translator.Translate(null, """{"id":"chatcmpl-\u0041BC","choices":[]}""", []);
        Assert.Equal("chatcmpl-ABC", translator.ResponseId);
        translator.Translate(null, "[DONE]", []);

        Assert.True(translator.Finished);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task A_stream_split_at_any_byte_and_framed_with_CRLF_or_several_data_lines_reads_the_same(int readSize)
    {
        var sse = "data: " + Content("\"Bonjour \"") + "\r\n\r\n"
            + ": keep-alive comment\n\n"
            + "data: " + Content("\"le monde é😀\"").Replace(",\"usage\"", "\ndata: ,\"usage\"", StringComparison.Ordinal) + "\n\n"
            + "data: " + Finish() + "\n\n"
            + "data: " + UsageOnly(10, 4) + "\n\n"
            + "data: [DONE]\n\n";

        var (translator, emitted) = await StreamAsync(sse, readSize);

        Assert.Equal(3, emitted.Count);
        Assert.Equal("Bonjour le monde é😀", translator.DeliveredText);
        Assert.Equal(new TokenUsage(10, 4, 0, 0, 0), translator.Usage);
        Assert.True(translator.Finished);
        Assert.Contains("\n,\"usage\"", emitted[1], StringComparison.Ordinal);
    }

    /// <summary>The parts of an error the client sees, comparable by value.</summary>
    private sealed record UpstreamErrorView(int Status, string Type, string? Code, string Message)
    {
        public static UpstreamErrorView? Of(Modules.Routing.Infrastructure.Providers.UpstreamError? error) =>
            error is null ? null : new(error.Status, error.Type, error.Code, error.Message);
    }
}
