using System.Text;
using OmniaKey.Modules.Billing.Contracts;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Anthropic.AnthropicTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Anthropic;

/// <summary>Anthropic <c>Message</c> → OpenAI <c>chat.completion</c> (docs/providers.md#anthropic-responses).</summary>
public sealed class AnthropicResponseTranslationTests
{
    private static Modules.Routing.Infrastructure.Providers.CompletionResult Translate(string message) =>
        Adapter.TranslateCompletion(Encoding.UTF8.GetBytes(message), Context());

    [Fact]
    public void Text_blocks_are_the_content_thinking_is_not_and_usage_counts_all_input()
    {
        var result = Translate("""
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"thinking","thinking":"Let me think…","signature":"sig"},
                        {"type":"text","text":"Hello"},{"type":"text","text":", world."}],
             "stop_reason":"end_turn","stop_sequence":null,"stop_details":null,"container":null,
             "usage":{"input_tokens":25,"cache_creation_input_tokens":50,"cache_read_input_tokens":100,
                      "cache_creation":{"ephemeral_5m_input_tokens":50,"ephemeral_1h_input_tokens":0},
                      "output_tokens":15,"output_tokens_details":{"thinking_tokens":6},"service_tier":"standard"}}
            """);

        var completion = result.Completion;
        Assert.Equal("chatcmpl-test", completion["id"]!.GetValue<string>());
        Assert.Equal("chat.completion", completion["object"]!.GetValue<string>());
        Assert.Equal("claude-sonnet-4-5", completion["model"]!.GetValue<string>());
        var choice = completion["choices"]![0]!;
        Assert.Equal("Hello, world.", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Null(choice["message"]!["tool_calls"]);
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());

        Assert.Equal(new TokenUsage(InputTokens: 175, OutputTokens: 15, CacheReadTokens: 100, CacheWriteTokens: 50, ReasoningTokens: 6), result.Usage);
        var usage = completion["usage"]!;
        Assert.Equal(175, usage["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(15, usage["completion_tokens"]!.GetValue<long>());
        Assert.Equal(190, usage["total_tokens"]!.GetValue<long>());
        Assert.Equal(100, usage["prompt_tokens_details"]!["cached_tokens"]!.GetValue<long>());
        Assert.Equal(6, usage["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<long>());
    }

    [Fact]
    public void Without_a_thinking_breakdown_reasoning_is_zero()
    {
        var result = Translate("""
            {"id":"msg_01","type":"message","role":"assistant","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn",
             "usage":{"input_tokens":3,"output_tokens":1}}
            """);

        Assert.Equal(new TokenUsage(3, 1, 0, 0, 0), result.Usage);
    }

    [Fact]
    public void Tool_use_blocks_become_tool_calls_with_their_ids_and_json_arguments_and_null_content()
    {
        var result = Translate("""
            {"id":"msg_01","type":"message","role":"assistant",
             "content":[{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"location":"Paris","unit":"c"}},
                        {"type":"tool_use","id":"toolu_01B","name":"get_time","input":{}}],
             "stop_reason":"tool_use","usage":{"input_tokens":30,"output_tokens":40}}
            """);

        var choice = result.Completion["choices"]![0]!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        Assert.Null(choice["message"]!["content"]);
        AssertJson(
            """[{"id":"toolu_01A","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris\",\"unit\":\"c\"}"}},"""
            + """{"id":"toolu_01B","type":"function","function":{"name":"get_time","arguments":"{}"}}]""",
            choice["message"]!["tool_calls"]!);
    }

    [Fact]
    public void Text_before_a_tool_call_stays_as_content()
    {
        var result = Translate("""
            {"content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"toolu_1","name":"f","input":{"a":1}}],
             "stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1}}
            """);

        var message = result.Completion["choices"]![0]!["message"]!;
        Assert.Equal("Let me check.", message["content"]!.GetValue<string>());
        Assert.Single(message["tool_calls"]!.AsArray());
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    [InlineData("some_future_reason", "stop")]
    public void Stop_reasons_map_to_openai_finish_reasons(string stopReason, string finishReason)
    {
        var result = Translate($$$"""{"content":[{"type":"text","text":"x"}],"stop_reason":"{{{stopReason}}}","usage":{"input_tokens":1,"output_tokens":1}}""");

        Assert.Equal(finishReason, result.Completion["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }
}
