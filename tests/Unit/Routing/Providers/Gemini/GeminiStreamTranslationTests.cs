using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Gemini.GeminiTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Gemini;

/// <summary>
/// Gemini SSE streams (CRLF framing, one whole response per event) read by the gateway's SSE
/// reader and translated into OpenAI chunks (docs/providers.md#gemini-streaming).
/// </summary>
public sealed class GeminiStreamTranslationTests
{
    /// <summary>A gemini-2.0 text stream: usage on intermediate events lacks candidates; the last prompt count differs.</summary>
    private const string TextStream =
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"The\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 9,\"totalTokenCount\": 9,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 9}]},\"modelVersion\": \"gemini-2.0-flash\"}\r\n\r\n"
        + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" quick brown fox\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 9,\"totalTokenCount\": 9},\"modelVersion\": \"gemini-2.0-flash\"}\r\n\r\n"
        + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" jumps.\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 8,\"candidatesTokenCount\": 6,\"totalTokenCount\": 14},\"modelVersion\": \"gemini-2.0-flash\"}\r\n\r\n";

    [Fact]
    public async Task Text_stream_becomes_role_content_and_finish_chunks_with_the_last_usage()
    {
        var (translator, chunks) = await RunAsync(TextStream);

        Assert.Equal(5, chunks.Count);
        Assert.Equal("""{"role":"assistant","content":""}""", Json(Delta(chunks[0])));
        Assert.Equal(["The", " quick brown fox", " jumps."], chunks.Skip(1).Take(3).Select(c => Delta(c)["content"]!.GetValue<string>()));
        Assert.Equal("{}", Json(Delta(chunks[4])));
        Assert.Equal("stop", chunks[4]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.All(chunks.Take(4), c => Assert.Null(c["choices"]![0]!["finish_reason"]));
        Assert.All(chunks, c =>
        {
            Assert.Equal("chatcmpl-test", c["id"]!.GetValue<string>());
            Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>());
            Assert.Equal("gemini-2.5-flash", c["model"]!.GetValue<string>());
        });

        Assert.True(translator.Finished);
        Assert.Null(translator.Error);
        Assert.Equal(new TokenUsage(8, 6, 0, 0, 0), translator.Usage);
        Assert.Equal("The quick brown fox jumps.", translator.DeliveredText);
        Assert.Equal("chatcmpl-test", translator.ResponseId);
    }

    [Fact]
    public async Task Thought_parts_are_not_content_and_thinking_usage_is_cumulative_not_added()
    {
        const string stream =
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"**Planning** the answer\",\"thought\": true}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 20,\"totalTokenCount\": 140,\"thoughtsTokenCount\": 120}}\r\n\r\n"
            + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hello\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 20,\"candidatesTokenCount\": 1,\"totalTokenCount\": 281,\"thoughtsTokenCount\": 260}}\r\n\r\n"
            + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" there\",\"thoughtSignature\": \"Cs0BAVSoXO==\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 20,\"candidatesTokenCount\": 2,\"totalTokenCount\": 282,\"thoughtsTokenCount\": 260}}\r\n\r\n";

        var (translator, chunks) = await RunAsync(stream);

        Assert.Equal(["", "Hello", " there"], chunks.Select(c => Delta(c)["content"]?.GetValue<string>()).OfType<string>());
        Assert.Equal(new TokenUsage(InputTokens: 20, OutputTokens: 262, CacheReadTokens: 0, CacheWriteTokens: 0, ReasoningTokens: 260), translator.Usage);
        Assert.Equal("Hello there", translator.DeliveredText);
        Assert.DoesNotContain(chunks, c => c.ToJsonString().Contains("Planning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_streamed_function_call_becomes_a_header_delta_then_its_arguments_and_finishes_with_tool_calls()
    {
        const string stream =
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": \"get_weather\",\"args\": {\"location\": \"Boston\"}},\"thoughtSignature\": \"CiQBsig==\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 30,\"candidatesTokenCount\": 5,\"totalTokenCount\": 35}}\r\n\r\n";

        var (translator, chunks) = await RunAsync(stream);

        Assert.Equal(4, chunks.Count);
        var header = Delta(chunks[1])["tool_calls"]![0]!;
        Assert.Equal(0, header["index"]!.GetValue<int>());
        Assert.Equal("function", header["type"]!.GetValue<string>());
        Assert.Equal("get_weather", header["function"]!["name"]!.GetValue<string>());
        Assert.Equal("", header["function"]!["arguments"]!.GetValue<string>());
        var id = header["id"]!.GetValue<string>();
        Assert.StartsWith("call_", id, StringComparison.Ordinal);
        Assert.Equal("CiQBsig==", GeminiToolCallIds.SignatureOf(id));

        var arguments = Delta(chunks[2])["tool_calls"]![0]!;
        Assert.Equal("""{"index":0,"function":{"arguments":"{\"location\":\"Boston\"}"}}""", Json(arguments));
        Assert.Equal("tool_calls", chunks[3]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.True(translator.Finished);
        Assert.Equal("get_weather{\"location\":\"Boston\"}", translator.DeliveredText);
    }

    [Fact]
    public async Task Parallel_calls_are_indexed_by_counting_tool_calls_only()
    {
        const string stream =
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Let me check.\"}],\"role\": \"model\"},\"index\": 0}]}\r\n\r\n"
            + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": \"get_weather\",\"args\": {\"city\": \"Paris\"}}},{\"functionCall\": {\"name\": \"get_weather\",\"args\": {\"city\": \"Rome\"}}}],\"role\": \"model\"},\"index\": 0}]}\r\n\r\n"
            + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": \"get_time\",\"args\": {}}}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 40,\"candidatesTokenCount\": 30,\"totalTokenCount\": 70}}\r\n\r\n";

        var (_, chunks) = await RunAsync(stream);

        var headers = chunks.Select(c => Delta(c)["tool_calls"]?[0]).Where(t => t?["id"] is not null).ToList();
        Assert.Equal([0, 1, 2], headers.Select(h => h!["index"]!.GetValue<int>()));
        Assert.Equal(["get_weather", "get_weather", "get_time"], headers.Select(h => h!["function"]!["name"]!.GetValue<string>()));
        Assert.Equal(3, headers.Select(h => h!["id"]!.GetValue<string>()).Distinct().Count());
        var fragments = chunks.Select(c => Delta(c)["tool_calls"]?[0]).Where(t => t is not null && t["id"] is null).ToList();
        Assert.Equal(["{\"city\":\"Paris\"}", "{\"city\":\"Rome\"}", "{}"], fragments.Select(f => f!["function"]!["arguments"]!.GetValue<string>()));
        Assert.Equal("tool_calls", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_raw_error_body_after_200_ends_the_stream_with_the_upstream_error()
    {
        var stream = TextStream.Split("\r\n\r\n")[0] + "\r\n\r\n" + """
            {
              "error": {
                "code": 503,
                "message": "The model is overloaded. Please try again later.",
                "status": "UNAVAILABLE"
              }
            }

            """.Replace("\n", "\r\n", StringComparison.Ordinal);

        var (translator, chunks) = await RunAsync(stream);

        Assert.Equal(2, chunks.Count);
        Assert.False(translator.Finished);
        var error = translator.Error!;
        Assert.Equal(503, error.Status);
        Assert.Equal("UNAVAILABLE", error.Type);
        Assert.Equal("The model is overloaded. Please try again later.", error.Message);
        Assert.Equal("The", translator.DeliveredText);
        Assert.Equal(new TokenUsage(9, 0, 0, 0, 0), translator.Usage);
    }

    [Fact]
    public async Task An_error_sent_as_an_sse_event_is_an_error_too()
    {
        const string stream = "data: {\"error\": {\"code\": 500,\"message\": \"An internal error has occurred.\",\"status\": \"INTERNAL\"}}\r\n\r\n";

        var (translator, chunks) = await RunAsync(stream);

        Assert.Empty(chunks);
        Assert.Equal(new UpstreamError(500, "INTERNAL", null, "An internal error has occurred."), translator.Error);
    }

    [Fact]
    public async Task An_unreadable_event_is_an_error_and_nothing_after_it_is_translated()
    {
        var stream = "data: <html>Bad gateway</html>\r\n\r\n" + TextStream;

        var (translator, chunks) = await RunAsync(stream);

        Assert.Empty(chunks);
        Assert.Equal(502, translator.Error!.Status);
        Assert.False(translator.Finished);
    }

    [Fact]
    public async Task A_stream_that_stops_without_a_finish_reason_is_not_finished()
    {
        var (translator, chunks) = await RunAsync(TextStream.Split("\r\n\r\n")[0] + "\r\n\r\n");

        Assert.False(translator.Finished);
        Assert.Null(translator.Error);
        Assert.Equal(2, chunks.Count);
    }

    [Fact]
    public async Task A_blocked_prompt_finishes_with_content_filter()
    {
        const string stream = "data: {\"promptFeedback\": {\"blockReason\": \"PROHIBITED_CONTENT\"},\"usageMetadata\": {\"promptTokenCount\": 12,\"totalTokenCount\": 12}}\r\n\r\n";

        var (translator, chunks) = await RunAsync(stream);

        Assert.Equal(2, chunks.Count);
        Assert.Equal("content_filter", chunks[1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.True(translator.Finished);
        Assert.Equal(new TokenUsage(12, 0, 0, 0, 0), translator.Usage);
    }

    [Fact]
    public async Task Lf_framing_works_as_well_as_crlf()
    {
        var (translator, chunks) = await RunAsync(TextStream.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(5, chunks.Count);
        Assert.True(translator.Finished);
    }

    private static async Task<(IStreamTranslator Translator, List<JsonObject> Chunks)> RunAsync(string sse)
    {
        var translator = new GeminiAdapter().CreateStreamTranslator(Context(Chat("""[{"role":"user","content":"Hi"}]""", "\"stream\":true")));
        var emitted = new List<string>();
        using var body = new MemoryStream(Utf8(sse));
        await foreach (var sseEvent in SseReader.ReadAsync(body, CancellationToken.None))
        {
            translator.Translate(sseEvent.Event, sseEvent.Data, emitted);
        }

        return (translator, emitted.Select(e => JsonNode.Parse(e)!.AsObject()).ToList());
    }

    private static JsonNode Delta(JsonObject chunk) => chunk["choices"]![0]!["delta"]!;
}
