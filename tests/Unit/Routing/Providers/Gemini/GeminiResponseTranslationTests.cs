using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Gemini.GeminiTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Gemini;

/// <summary>Gemini generateContent answers → OpenAI chat.completion objects and usage (docs/providers.md#gemini-responses).</summary>
public sealed class GeminiResponseTranslationTests
{
    /// <summary>A gemini-2.5 answer as recorded (pretty-printed, thought summary part, thoughts outside candidates).</summary>
    private const string TextAnswer = """
        {
          "candidates": [
            {
              "content": {
                "parts": [
                  {
                    "text": "Let me think about the sea...",
                    "thought": true
                  },
                  {
                    "text": "Waves fold on stone,"
                  },
                  {
                    "text": " salt wind hums."
                  }
                ],
                "role": "model"
              },
              "finishReason": "STOP",
              "index": 0
            }
          ],
          "usageMetadata": {
            "promptTokenCount": 20,
            "candidatesTokenCount": 253,
            "totalTokenCount": 533,
            "promptTokensDetails": [
              {
                "modality": "TEXT",
                "tokenCount": 20
              }
            ],
            "thoughtsTokenCount": 260
          },
          "modelVersion": "gemini-2.5-flash",
          "responseId": "abc123"
        }

        """;

    [Fact]
    public void Text_answer_becomes_a_completion_without_thoughts_and_with_mapped_usage()
    {
        var result = new GeminiAdapter().TranslateCompletion(Utf8(TextAnswer), Context());

        var completion = result.Completion;
        Assert.Equal("chatcmpl-test", completion["id"]!.GetValue<string>());
        Assert.Equal("chat.completion", completion["object"]!.GetValue<string>());
        Assert.Equal("gemini-2.5-flash", completion["model"]!.GetValue<string>());
        Assert.Equal(1_750_000_000, completion["created"]!.GetValue<long>());
        var choice = Assert.Single(completion["choices"]!.AsArray())!;
        Assert.Equal(0, choice["index"]!.GetValue<int>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal("Waves fold on stone, salt wind hums.", choice["message"]!["content"]!.GetValue<string>());
        Assert.Null(choice["message"]!["tool_calls"]);

        Assert.Equal(new TokenUsage(InputTokens: 20, OutputTokens: 513, CacheReadTokens: 0, CacheWriteTokens: 0, ReasoningTokens: 260), result.Usage);
        Assert.Equal(20, completion["usage"]!["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(513, completion["usage"]!["completion_tokens"]!.GetValue<long>());
        Assert.Equal(533, completion["usage"]!["total_tokens"]!.GetValue<long>());
        Assert.Equal(260, completion["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<long>());
    }

    [Fact]
    public void A_function_call_becomes_a_tool_call_with_a_generated_id_and_finish_reason_tool_calls()
    {
        const string answer = """
            {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{
                "location": "Paris",
                "unit": "celsius"
              }}}],"role":"model"},"finishReason":"STOP","index":0,"finishMessage":"Model generated function call(s)."}],
             "usageMetadata":{"promptTokenCount":50,"candidatesTokenCount":12,"totalTokenCount":62}}
            """;

        var result = new GeminiAdapter().TranslateCompletion(Utf8(answer), Context());

        var choice = result.Completion["choices"]![0]!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        Assert.Null(choice["message"]!["content"]);
        var call = Assert.Single(choice["message"]!["tool_calls"]!.AsArray())!;
        Assert.Matches("^call_[0-9a-f]{24}$", call["id"]!.GetValue<string>());
        Assert.Equal("function", call["type"]!.GetValue<string>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"location":"Paris","unit":"celsius"}""", call["function"]!["arguments"]!.GetValue<string>());
    }

    [Fact]
    public void Parallel_calls_each_get_an_id_and_the_signed_one_carries_its_signature()
    {
        const string answer = """
            {"candidates":[{"content":{"parts":[
                {"text":"Checking both."},
                {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CiQBsig/1+=="},
                {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}},
                {"functionCall":{"name":"get_time","args":{}}}],"role":"model"},"finishReason":"STOP","index":0}]}
            """;

        var result = new GeminiAdapter().TranslateCompletion(Utf8(answer), Context());

        var message = result.Completion["choices"]![0]!["message"]!;
        Assert.Equal("Checking both.", message["content"]!.GetValue<string>());
        var calls = message["tool_calls"]!.AsArray();
        Assert.Equal(3, calls.Count);
        Assert.Equal(3, calls.Select(c => c!["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal("CiQBsig/1+==", GeminiToolCallIds.SignatureOf(calls[0]!["id"]!.GetValue<string>()));
        Assert.Null(GeminiToolCallIds.SignatureOf(calls[1]!["id"]!.GetValue<string>()));
        Assert.Equal(["{\"city\":\"Paris\"}", "{\"city\":\"Rome\"}", "{}"], calls.Select(c => c!["function"]!["arguments"]!.GetValue<string>()));
        Assert.Null(result.Usage);
    }

    [Theory]
    [InlineData("STOP", false, "stop")]
    [InlineData("STOP", true, "tool_calls")]
    [InlineData("MAX_TOKENS", false, "length")]
    [InlineData("MAX_TOKENS", true, "length")]
    [InlineData("SAFETY", false, "content_filter")]
    [InlineData("RECITATION", false, "content_filter")]
    [InlineData("BLOCKLIST", false, "content_filter")]
    [InlineData("PROHIBITED_CONTENT", false, "content_filter")]
    [InlineData("SPII", false, "content_filter")]
    [InlineData("IMAGE_SAFETY", false, "content_filter")]
    [InlineData("IMAGE_PROHIBITED_CONTENT", false, "content_filter")]
    [InlineData("MALFORMED_FUNCTION_CALL", false, "stop")]
    [InlineData("OTHER", false, "stop")]
    [InlineData("LANGUAGE", false, "stop")]
    [InlineData("UNEXPECTED_TOOL_CALL", false, "stop")]
    [InlineData(null, false, "stop")]
    public void Finish_reasons_map_to_openai(string? reason, bool calledTools, string expected) =>
        Assert.Equal(expected, GeminiFinishReasons.ToOpenAi(reason, calledTools));

    [Fact]
    public void A_blocked_prompt_without_candidates_ends_with_content_filter()
    {
        const string answer = """
            {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"HIGH","blocked":true}]},
             "usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}
            """;

        var result = new GeminiAdapter().TranslateCompletion(Utf8(answer), Context());

        var choice = Assert.Single(result.Completion["choices"]!.AsArray())!;
        Assert.Equal("content_filter", choice["finish_reason"]!.GetValue<string>());
        Assert.Null(choice["message"]!["content"]);
        Assert.Equal(new TokenUsage(8, 0, 0, 0, 0), result.Usage);
    }

    [Fact]
    public void Several_candidates_become_several_choices_in_candidate_order()
    {
        const string answer = """
            {"candidates":[
               {"content":{"parts":[{"text":"One"}],"role":"model"},"finishReason":"STOP","index":0},
               {"content":{"parts":[{"text":"Two"}],"role":"model"},"finishReason":"MAX_TOKENS","index":1}],
             "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":9,"totalTokenCount":14}}
            """;
        var request = Chat("""[{"role":"user","content":"Count"}]""", "\"n\":2");

        var result = new GeminiAdapter().TranslateCompletion(Utf8(answer), Context(request));

        var choices = result.Completion["choices"]!.AsArray();
        Assert.Equal([0, 1], choices.Select(c => c!["index"]!.GetValue<int>()));
        Assert.Equal(["One", "Two"], choices.Select(c => c!["message"]!["content"]!.GetValue<string>()));
        Assert.Equal(["stop", "length"], choices.Select(c => c!["finish_reason"]!.GetValue<string>()));
        Assert.Equal(new TokenUsage(5, 9, 0, 0, 0), result.Usage);
    }

    [Fact]
    public void Usage_counts_cached_and_tool_use_prompt_tokens_as_input()
    {
        const string answer = """
            {"candidates":[{"content":{"parts":[{"text":"ok"}],"role":"model"},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":1000,"cachedContentTokenCount":600,"toolUsePromptTokenCount":40,
                              "candidatesTokenCount":7,"thoughtsTokenCount":3,"totalTokenCount":1050}}
            """;

        var result = new GeminiAdapter().TranslateCompletion(Utf8(answer), Context());

        Assert.Equal(new TokenUsage(InputTokens: 1040, OutputTokens: 10, CacheReadTokens: 600, CacheWriteTokens: 0, ReasoningTokens: 3), result.Usage);
        Assert.Equal(600, result.Completion["usage"]!["prompt_tokens_details"]!["cached_tokens"]!.GetValue<long>());
    }

    [Fact]
    public void A_body_that_is_not_a_json_object_is_an_error() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => new GeminiAdapter().TranslateCompletion(Utf8("[1]"), Context()));

    [Fact]
    public void Translated_completion_is_what_the_openai_shapes_expect()
    {
        var result = new GeminiAdapter().TranslateCompletion(Utf8(TextAnswer), Context());
        var reference = OpenAiChunks.Completion(Context(), "chatcmpl-test", new JsonObject(), "stop", result.Usage);
        Assert.Equal(reference.Select(p => p.Key), result.Completion.Select(p => p.Key));
    }
}
