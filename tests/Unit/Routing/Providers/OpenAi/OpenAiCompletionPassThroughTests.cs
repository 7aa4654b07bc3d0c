using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Providers.OpenAi;

/// <summary>
/// OpenAI's non-streamed answers pass through as the upstream wrote them, with <c>usage.cost</c> added; anything
/// unusual goes the translated way.
/// </summary>
public sealed class OpenAiCompletionPassThroughTests
{
    private const string Answer = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello \"usage\" {}"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21,
                  "prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":2}},
         "system_fingerprint":"fp_1"}
        """;

    [Fact]
    public void The_usage_is_read_and_the_cost_is_added_to_the_upstreams_own_object()
    {
        var scan = OpenAiCompletionScan.Read(Encoding.UTF8.GetBytes(Answer));

        Assert.NotNull(scan);
        Assert.Equal((12, 9, 4, 2), (scan.Usage.InputTokens, scan.Usage.OutputTokens, scan.Usage.CacheReadTokens, scan.Usage.ReasoningTokens));
        var written = Write(Answer, scan, 0.0000072m);
        var expected = JsonNode.Parse(Answer)!;
        expected["usage"]!["cost"] = 0.0000072m;
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(written)), written);
        Assert.Contains("\"cost\":0.0000072}", written, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_usage_object_gets_the_cost_without_a_comma()
    {
        const string answer = """{"id":"x","choices":[],"usage":{ }}""";

        var scan = OpenAiCompletionScan.Read(Encoding.UTF8.GetBytes(answer));

        Assert.NotNull(scan);
        Assert.Equal("""{"id":"x","choices":[],"usage":{ "cost":1.5}}""", Write(answer, scan, 1.5m));
    }

    [Theory]
    [InlineData("""{"id":"x","choices":[]}""")] // no usage: estimated, the translated way
    [InlineData("""{"id":"x","usage":null}""")]
    [InlineData("""{"id":"x","usage":{"prompt_tokens":1,"cost":0.5}}""")] // a cost of its own is replaced, not repeated
    [InlineData("""{"usage":{"prompt_tokens":1},"usage":{"prompt_tokens":2}}""")]
    [InlineData("""{"id":"x","usage":{"prompt_tokens":1}""")] // cut short
    [InlineData("""{"id":"x","usage":{"prompt_tokens":1}} trailing""")]
    [InlineData("""[{"usage":{}}]""")]
    public void Anything_else_goes_the_translated_way(string answer) =>
        Assert.Null(OpenAiCompletionScan.Read(Encoding.UTF8.GetBytes(answer)));

    [Fact]
    public void Both_forms_of_an_answer_write_the_same_object_and_give_the_same_text()
    {
        var bytes = Encoding.UTF8.GetBytes(Answer);
        var adapter = new OpenAiAdapter();
        var context = new TranslationContext("chatcmpl-x", 1, "gpt-4o-mini", Request());

        var passedThrough = adapter.ReadCompletion(bytes, context);
        var translated = adapter.TranslateCompletion(bytes, context);

        Assert.IsType<CompletionPassThrough>(passedThrough);
        Assert.Equal(translated.Usage, passedThrough.Usage);
        Assert.Equal("Hello \"usage\" {}", passedThrough.DeliveredText(bytes));
        Assert.Equal(translated.DeliveredText(bytes), passedThrough.DeliveredText(bytes));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WriteAny(passedThrough, bytes)), JsonNode.Parse(WriteAny(translated, bytes))));
    }

    [Fact]
    public void An_answer_without_usage_is_read_the_translated_way_and_written_with_the_settled_usage()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"id":"x","choices":[{"message":{"content":"Hi"}}]}""");
        var context = new TranslationContext("chatcmpl-x", 1, "gpt-4o-mini", Request());

        var completion = new OpenAiAdapter().ReadCompletion(bytes, context);

        Assert.IsType<CompletionResult>(completion);
        Assert.Null(completion.Usage);
        Assert.Equal("Hi", completion.DeliveredText(bytes));
        var written = JsonNode.Parse(WriteAny(completion, bytes, new TokenUsage(3, 1, 0, 0, 0)))!;
        Assert.Equal(3, (int)written["usage"]!["prompt_tokens"]!);
        Assert.Equal(1.5m, (decimal)written["usage"]!["cost"]!);
    }

    private static ChatRequest Request() =>
        ChatRequest.Read(JsonNode.Parse("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""")).Request!;

    private static string WriteAny(IRelayedCompletion completion, byte[] answer, TokenUsage? settled = null)
    {
        var output = new ArrayBufferWriter<byte>();
        completion.WriteTo(output, answer, settled ?? completion.Usage!, 1.5m);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Write(string answer, CompletionPassThrough scan, decimal cost)
    {
        var output = new ArrayBufferWriter<byte>();
        scan.WriteTo(output, Encoding.UTF8.GetBytes(answer), scan.Usage, cost);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
