using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.OpenAi.OpenAiStreamTestData;

namespace OmniaKey.UnitTests.Routing.Providers.OpenAi;

/// <summary>
/// The forward-only scan (docs/adr/0022) must see each chunk exactly as the <c>JsonNode</c> walk it replaced did:
/// the same chunks forwarded, the same id, usage, error and delivered text. The walk is kept here as the reference.
/// </summary>
public sealed class OpenAiStreamScanEquivalenceTests
{
    public static TheoryData<string> Chunks() =>
    [
        Head + """[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"q8Zx"}""",
        Content("\"Hello\""),
        Content("\"caf\\u00e9 \\ud83d\\ude00 \\t\""),
        Content("null"),
        Content("42"),
        Finish("length"),
        UsageOnly(412, 200, 5, 7),
        """{"id":"x","choices":[],"usage":{"prompt_tokens":-3,"completion_tokens":2.5,"total_tokens":"9","prompt_tokens_details":null,"completion_tokens_details":{"reasoning_tokens":1e3}}}""",
        """{"id":"x","choices":[{"delta":{"content":"a"}}],"usage":{"prompt_tokens":3}}""",
        """{"id":"x","choices":[{"delta":{"content":"a"}}],"usage":null}""",
        """{"id":"x","usage":{"prompt_tokens":3}}""",
        """{"id":"x","choices":{},"usage":{"prompt_tokens":3}}""",
        """{"id":7,"choices":[{"delta":{"content":"b"}}]}""",
        """{"\u0069d":"escaped-name","choices":[{"delta":{"cont\u0065nt":"c"}}]}""",
        """{"choices":null}""",
        """{"choices":[null,{"delta":null},{"delta":{"content":"d"}},{}]}""",
        """{"choices":[{"index":0,"delta":{"content":"n0"}},{"index":1,"delta":{"content":"n1"}}]}""",
        """{"choices":[{"delta":{"content":"e","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}""",
        """{"choices":[{"delta":{"tool_calls":[{"function":{"arguments":"{\"a\":1}"}},{"function":{"name":null,"arguments":12}},null,{"function":null},{}]}}]}""",
        """{"choices":[{"delta":{"tool_calls":[{"function":{"name":true,"arguments":{"k":[1,2]}}}]}}]}""",
        """{"error":null,"choices":[{"delta":{"content":"f"}}]}""",
        """{"error":"text","choices":[{"delta":{"content":"g"}}]}""",
        """{"error":{"message":"Bad","type":"invalid_request_error","code":null,"param":"x"}}""",
        """{"error":{"message":12,"type":{"nested":true},"code":["a"]}}""",
        """{"choices":[{"delta":{"content":"h"}}],"error":{"message":"late"}}""",
        """["not","an","object"]""",
        "\"just a string\"",
        "12",
        "  {\"choices\":[{\"delta\":{\"content\":\"ws\"}}]}\n",
    ];

    [Theory]
    [MemberData(nameof(Chunks))]
    public void The_scan_reads_a_chunk_as_the_tree_walk_did(string chunk)
    {
        var scan = Run(Translator(), chunk);
        var walk = Run(new JsonNodeReference(), chunk);

        Assert.Equal(walk, scan);
    }

    [Fact]
    public void Malformed_chunks_throw_a_JsonException_in_both()
    {
        foreach (var chunk in (string[])["{", "{\"choices\":[}", "{} {}", "{\"a\":1,}", "{/*c*/}", ""])
        {
            Assert.ThrowsAny<JsonException>(() => Translator().Translate(null, chunk, []));
            Assert.ThrowsAny<JsonException>(() => new JsonNodeReference().Translate(null, chunk, []));
        }
    }

    private static string Run(IStreamTranslator translator, string chunk)
    {
        var emit = new List<string>();
        translator.Translate(null, Content("\"prefix \""), emit);
        translator.Translate(null, chunk, emit);
        var error = translator.Error is { } e ? $"{e.Status}|{e.Type}|{e.Code}|{e.Message}" : "none";
        return $"emitted={string.Join("\u2028", emit)}\nid={translator.ResponseId}\nusage={translator.Usage}\nerror={error}\ntext={translator.DeliveredText}";
    }

    /// <summary>The translator as it was before the scan: each chunk parsed into a <see cref="JsonNode"/>.</summary>
    private sealed class JsonNodeReference : IStreamTranslator
    {
        private readonly StringBuilder delivered = new();

        public string ResponseId { get; private set; } = "chatcmpl-gateway";

        public TokenUsage? Usage { get; private set; }

        public bool Finished { get; private set; }

        public UpstreamError? Error { get; private set; }

        public string DeliveredText => delivered.ToString();

        public void Translate(string? eventName, string data, List<string> emit)
        {
            var chunk = JsonNode.Parse(data) as JsonObject;
            if (chunk?["error"] is JsonObject error)
            {
                Error = new UpstreamError(500, error["type"]?.ToString() ?? "server_error", error["code"]?.ToString(), error["message"]?.ToString() ?? "The upstream stream failed.");
                return;
            }

            if (chunk?["id"] is JsonValue id && id.TryGetValue<string>(out var responseId))
            {
                ResponseId = responseId;
            }

            if (chunk?["usage"] is JsonObject usage)
            {
                Usage = OpenAiUsage.Parse(usage);
                if (chunk["choices"] is JsonArray { Count: 0 })
                {
                    return;
                }
            }

            if (chunk?["choices"] is JsonArray choices)
            {
                foreach (var choice in choices)
                {
                    var delta = choice?["delta"];
                    if (delta?["content"] is JsonValue content && content.TryGetValue<string>(out var text))
                    {
                        delivered.Append(text);
                    }

                    if (delta?["tool_calls"] is JsonArray calls)
                    {
                        foreach (var call in calls)
                        {
                            delivered.Append(call?["function"]?["name"]?.ToString()).Append(call?["function"]?["arguments"]?.ToString());
                        }
                    }
                }
            }

            emit.Add(data);
        }
    }
}
