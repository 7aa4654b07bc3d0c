using OmniaKey.Modules.Billing.Contracts;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Anthropic.AnthropicTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Anthropic;

/// <summary>
/// Anthropic event streams (in the shape of the examples in Anthropic's streaming docs) →
/// OpenAI chunks (docs/providers.md#anthropic-streaming), read through the gateway's real SSE reader.
/// </summary>
public sealed class AnthropicStreamTranslationTests
{
    private const string TextStream = """
        event: message_start
        data: {"type": "message_start", "message": {"id": "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", "type": "message", "role": "assistant", "content": [], "model": "claude-opus-4-6", "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 25, "output_tokens": 1}}}

        event: content_block_start
        data: {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hello"}}

        event: content_block_delta
        data: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "!"}}

        event: content_block_stop
        data: {"type": "content_block_stop", "index": 0}

        event: message_delta
        data: {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence":null}, "usage": {"output_tokens": 15}}

        event: message_stop
        data: {"type": "message_stop"}


        """;

    private const string ThinkingTextAndTwoToolsStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-opus-4-6","stop_sequence":null,"usage":{"input_tokens":472,"cache_read_input_tokens":100,"cache_creation_input_tokens":0,"output_tokens":2},"content":[],"stop_reason":null}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user wants two cities."}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Okay, let me check."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: content_block_start
        data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"location\":"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":" \"San Francisco, CA\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":2}

        event: content_block_start
        data: {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_01Bx2","name":"get_time","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\"tz\": \"PST\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":3}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    [Fact]
    public async Task A_text_stream_gives_a_role_chunk_content_deltas_and_a_finish_chunk_and_ignores_pings()
    {
        var (translator, chunks) = await StreamAsync(TextStream);

        Assert.Equal(4, chunks.Count);
        AssertJson("""{"role":"assistant","content":""}""", Delta(chunks[0]));
        Assert.Equal("Hello", Delta(chunks[1])["content"]!.GetValue<string>());
        Assert.Equal("!", Delta(chunks[2])["content"]!.GetValue<string>());
        AssertJson("{}", Delta(chunks[3]));
        Assert.Equal("stop", FinishReason(chunks[3]));
        Assert.All(chunks.Take(3), c => Assert.Null(FinishReason(c)));
        Assert.All(chunks, c =>
        {
            Assert.Equal("chatcmpl-test", c["id"]!.GetValue<string>());
            Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>());
            Assert.Equal("claude-sonnet-4-5", c["model"]!.GetValue<string>());
            Assert.Equal(1_700_000_000, c["created"]!.GetValue<long>());
        });
        Assert.Equal("chatcmpl-test", translator.ResponseId);
        Assert.True(translator.Finished);
        Assert.Null(translator.Error);
        Assert.Equal("Hello!", translator.DeliveredText);
    }

    [Fact]
    public async Task Usage_is_the_final_cumulative_count_not_a_sum_with_message_start()
    {
        var (translator, _) = await StreamAsync(TextStream);

        Assert.Equal(new TokenUsage(25, 15, 0, 0, 0), translator.Usage);
    }

    [Fact]
    public async Task Several_message_deltas_replace_each_others_counts_and_keep_cache_counts_from_message_start()
    {
        var (translator, chunks) = await StreamAsync("""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","content":[],"usage":{"input_tokens":10,"cache_read_input_tokens":200,"cache_creation_input_tokens":30,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":7}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"input_tokens":10,"cache_read_input_tokens":200,"output_tokens":9,"output_tokens_details":{"thinking_tokens":4}}}

            event: message_stop
            data: {"type":"message_stop"}


            """);

        Assert.Equal(new TokenUsage(InputTokens: 240, OutputTokens: 9, CacheReadTokens: 200, CacheWriteTokens: 30, ReasoningTokens: 4), translator.Usage);
        Assert.Single(chunks, c => FinishReason(c) is not null);
        Assert.Equal("length", FinishReason(chunks[^1]));
    }

    [Fact]
    public async Task Usage_is_known_from_message_start_before_the_answer_ends()
    {
        var (translator, _) = await StreamAsync(string.Join("\n", TextStream.Split('\n').Take(5)) + "\n\n");

        Assert.Equal(new TokenUsage(25, 1, 0, 0, 0), translator.Usage);
        Assert.False(translator.Finished);
    }

    [Fact]
    public async Task Thinking_is_ignored_and_tool_calls_are_numbered_among_tool_calls_only_with_id_and_name_first()
    {
        var (translator, chunks) = await StreamAsync(ThinkingTextAndTwoToolsStream);

        Assert.Equal(8, chunks.Count);
        Assert.Equal("assistant", Delta(chunks[0])["role"]!.GetValue<string>());
        Assert.Equal("Okay, let me check.", Delta(chunks[1])["content"]!.GetValue<string>());
        AssertJson(
            """{"tool_calls":[{"index":0,"id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","type":"function","function":{"name":"get_weather","arguments":""}}]}""",
            Delta(chunks[2]));
        AssertJson("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\":"}}]}""", Delta(chunks[3]));
        AssertJson("""{"tool_calls":[{"index":0,"function":{"arguments":" \"San Francisco, CA\"}"}}]}""", Delta(chunks[4]));
        AssertJson(
            """{"tool_calls":[{"index":1,"id":"toolu_01Bx2","type":"function","function":{"name":"get_time","arguments":""}}]}""",
            Delta(chunks[5]));
        AssertJson("""{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\": \"PST\"}"}}]}""", Delta(chunks[6]));
        Assert.Equal("tool_calls", FinishReason(chunks[7]));
        Assert.DoesNotContain(chunks, c => c.ToJsonString().Contains("two cities", StringComparison.Ordinal));
        Assert.DoesNotContain(chunks, c => c.ToJsonString().Contains("EqQBCgIYAhIM", StringComparison.Ordinal));

        Assert.True(translator.Finished);
        Assert.Equal(new TokenUsage(572, 89, 100, 0, 0), translator.Usage);
        Assert.Equal("Okay, let me check.get_weather{\"location\": \"San Francisco, CA\"}get_time{\"tz\": \"PST\"}", translator.DeliveredText);
    }

    [Fact]
    public async Task A_single_streamed_tool_call_without_text_starts_with_the_role_chunk()
    {
        var (_, chunks) = await StreamAsync("""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_9","name":"lookup","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"q\":\"x\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":12}}

            event: message_stop
            data: {"type":"message_stop"}


            """);

        Assert.Equal(["role", "tool_calls", "tool_calls", "finish"], chunks.Select(Kind));
        Assert.Equal(0, Delta(chunks[1])["tool_calls"]![0]!["index"]!.GetValue<int>());
        Assert.Equal("tool_calls", FinishReason(chunks[^1]));
    }

    [Fact]
    public async Task A_mid_stream_error_event_is_reported_with_its_anthropic_status_and_ends_the_translation()
    {
        var upToFirstDelta = string.Join("\n", TextStream.Split('\n').Take(11)) + "\n\n";
        var (translator, chunks) = await StreamAsync(upToFirstDelta + """
            event: error
            data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}

            event: content_block_delta
            data: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": " late"}}


            """);

        Assert.Equal(2, chunks.Count);
        Assert.DoesNotContain(chunks, c => FinishReason(c) is not null);
        Assert.False(translator.Finished);
        var error = Assert.IsType<Modules.Routing.Infrastructure.Providers.UpstreamError>(translator.Error);
        Assert.Equal(529, error.Status);
        Assert.Equal("overloaded_error", error.Type);
        Assert.Equal("Overloaded", error.Message);
        Assert.Equal("Hello", translator.DeliveredText);
    }

    [Fact]
    public async Task A_raw_json_error_body_in_the_stream_is_an_error()
    {
        var (translator, chunks) = await StreamAsync("""
            {"type":"error","error":{"type":"api_error","message":"Internal server error"}}

            """);

        Assert.Empty(chunks);
        Assert.Equal(500, translator.Error?.Status);
        Assert.Equal("api_error", translator.Error?.Type);
    }

    [Fact]
    public async Task A_stream_that_breaks_before_message_stop_is_not_finished_and_keeps_what_was_delivered()
    {
        var (translator, chunks) = await StreamAsync(string.Join("\n", TextStream.Split('\n').Take(14)) + "\n\n");

        Assert.Equal(3, chunks.Count);
        Assert.False(translator.Finished);
        Assert.Null(translator.Error);
        Assert.Equal("Hello!", translator.DeliveredText);
    }

    [Fact]
    public async Task Unknown_events_and_delta_types_are_tolerated()
    {
        var (translator, chunks) = await StreamAsync("""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

            event: something_new
            data: {"type":"something_new","payload":[1,2,3]}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"query\":\"x\"}"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"citations_delta","citation":{"type":"char_location"}}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}

            event: message_stop
            data: {"type":"message_stop"}


            """);

        Assert.Equal(["role", "finish"], chunks.Select(Kind));
        Assert.True(translator.Finished);
    }

    private static string Kind(System.Text.Json.Nodes.JsonObject chunk) =>
        FinishReason(chunk) is not null ? "finish"
        : Delta(chunk)["role"] is not null ? "role"
        : Delta(chunk)["tool_calls"] is not null ? "tool_calls"
        : "content";
}
