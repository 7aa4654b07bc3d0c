using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Benchmarks;

/// <summary>
/// The OpenAI adapter's per-call CPU work: rewriting a typical request (system prompt, three turns with a tool call
/// and its result, two tools) for the upstream, reading a whole answer, passing a 200-delta stream through, and
/// reading that stream's SSE framing off the wire. OpenAI needs no translation, so these are the floor that the
/// Anthropic and Gemini numbers compare with; the SSE reader is shared by all three providers.
/// Run: <c>dotnet run -c Release --project benchmarks/OmniaKey.Benchmarks -- --filter '*OpenAi*'</c>.
/// </summary>
[MemoryDiagnoser]
public class OpenAiTranslationBenchmarks
{
    private const string RequestBody = """
        {"model":"gpt-4o","max_tokens":1024,"temperature":0.7,"stream":true,
         "messages":[
          {"role":"system","content":"You are a helpful travel assistant. Answer briefly and use the tools when you need live data."},
          {"role":"user","content":"What's the weather in Paris right now, and should I take an umbrella?"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_Vx3cNnL4bQ2YkP0tW8rS1mJe","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris, FR\",\"unit\":\"celsius\"}"}}]},
          {"role":"tool","tool_call_id":"call_Vx3cNnL4bQ2YkP0tW8rS1mJe","content":"{\"temperature\":14,\"conditions\":\"light rain\",\"precipitation_probability\":0.8}"},
          {"role":"assistant","content":"It's 14 °C with light rain in Paris, and rain is likely to continue: take an umbrella."},
          {"role":"user","content":"Thanks! And what time is it there?"}],
         "tools":[
          {"type":"function","function":{"name":"get_weather","description":"Current weather for a city","parameters":{"type":"object","properties":{"location":{"type":"string","description":"City and country"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location"]}}},
          {"type":"function","function":{"name":"get_time","description":"Current local time for a city","parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}],
         "tool_choice":"auto"}
        """;

    private const string Answer = """
        {
          "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
          "object": "chat.completion",
          "created": 1741569952,
          "model": "gpt-4o-2024-08-06",
          "choices": [
            {
              "index": 0,
              "message": {
                "role": "assistant",
                "content": "It is 15:42 in Paris (CET, UTC+1).",
                "refusal": null,
                "annotations": []
              },
              "logprobs": null,
              "finish_reason": "stop"
            }
          ],
          "usage": {
            "prompt_tokens": 412,
            "completion_tokens": 14,
            "total_tokens": 426,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0, "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
          },
          "service_tier": "default",
          "system_fingerprint": "fp_f9f4fb6dbf"
        }

        """;

    // Every chunk repeats these fields (docs/providers.md#openai-streaming); with include_usage forced on, each also has "usage":null.
    private const string ChunkHead = """{"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_f9f4fb6dbf","choices":""";

    private static readonly CatalogModel Model = new()
    {
        Id = "gpt-4o",
        Provider = ProviderNames.OpenAi,
        UpstreamModel = "gpt-4o-2024-08-06",
        MaxOutputTokens = 16_384,
        Enabled = true,
    };

    private readonly OpenAiAdapter adapter = new();
    private readonly List<string> emit = new(4);
    private ChatRequest request = null!;
    private TranslationContext context = null!;
    private byte[] answer = null!;
    private string[] streamEvents = null!;
    private byte[] streamBody = null!;

    [GlobalSetup]
    public void Setup()
    {
        request = ChatRequest.Read(JsonNode.Parse(RequestBody)).Request!;
        context = new TranslationContext("chatcmpl-bench", 1_741_569_952, Model.Id, request);
        answer = Encoding.UTF8.GetBytes(Answer);
        var events = new List<string>
        {
            ChunkHead + """[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"q8Zx"}""",
        };
        for (var i = 0; i < 200; i++)
        {
            events.Add(ChunkHead + $$"""[{"index":0,"delta":{"content":" word{{i}}"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Xk3"}""");
        }

        events.Add(ChunkHead + """[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null,"obfuscation":"9fQ2aL"}""");
        events.Add(ChunkHead + """[],"usage":{"prompt_tokens":412,"completion_tokens":200,"total_tokens":612,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"obfuscation":"mP"}""");
        events.Add("[DONE]");
        streamEvents = [.. events];
        streamBody = Encoding.UTF8.GetBytes(string.Concat(streamEvents.Select(data => $"data: {data}\n\n")));
    }

    [Benchmark]
    public int TranslateRequest() => adapter.Translate(request, Model).Body.Length;

    [Benchmark]
    public object TranslateAnswer() => adapter.TranslateCompletion(answer, context);

    [Benchmark]
    public int TranslateStreamOf200TextEvents()
    {
        var translator = adapter.CreateStreamTranslator(context);
        var chunks = 0;
        foreach (var data in streamEvents)
        {
            emit.Clear();
            translator.Translate(null, data, emit);
            chunks += emit.Count;
        }

        return translator.Finished ? chunks : -1;
    }

    /// <summary>The SSE framing of the same stream, read from memory as the relay reads the upstream's body.</summary>
    [Benchmark]
    public async Task<int> ReadSseStreamOf200TextEvents()
    {
        using var body = new MemoryStream(streamBody, writable: false);
        var events = 0;
        await foreach (var upstreamEvent in SseReader.ReadAsync(body, CancellationToken.None))
        {
            events += upstreamEvent.Data.Length > 0 ? 1 : 0;
        }

        return events;
    }
}
