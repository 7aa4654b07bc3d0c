using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Benchmarks;

/// <summary>
/// The per-call CPU work of serving a Claude model behind the OpenAI API: translating a typical request (system
/// prompt, three turns with a tool call and its result, two tools), and translating a typical streamed answer
/// (200 text deltas between the usual start and end events).
/// Run: <c>dotnet run -c Release --project benchmarks/OmniaKey.Benchmarks -- --filter '*Anthropic*'</c>.
/// </summary>
[MemoryDiagnoser]
public class AnthropicTranslationBenchmarks
{
    private const string RequestBody = """
        {"model":"claude-sonnet-4-5","max_tokens":1024,"temperature":0.7,"stream":true,
         "messages":[
          {"role":"system","content":"You are a helpful travel assistant. Answer briefly and use the tools when you need live data."},
          {"role":"user","content":"What's the weather in Paris right now, and should I take an umbrella?"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"toolu_01A09q90qw90lq917835lq9","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris, FR\",\"unit\":\"celsius\"}"}}]},
          {"role":"tool","tool_call_id":"toolu_01A09q90qw90lq917835lq9","content":"{\"temperature\":14,\"conditions\":\"light rain\",\"precipitation_probability\":0.8}"},
          {"role":"assistant","content":"It's 14 °C with light rain in Paris, and rain is likely to continue: take an umbrella."},
          {"role":"user","content":"Thanks! And what time is it there?"}],
         "tools":[
          {"type":"function","function":{"name":"get_weather","description":"Current weather for a city","parameters":{"type":"object","properties":{"location":{"type":"string","description":"City and country"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location"]}}},
          {"type":"function","function":{"name":"get_time","description":"Current local time for a city","parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}],
         "tool_choice":"auto"}
        """;

    private static readonly CatalogModel Model = new()
    {
        Id = "claude-sonnet-4-5",
        Provider = ProviderNames.Anthropic,
        UpstreamModel = "claude-sonnet-4-5-20250929",
        MaxOutputTokens = 64000,
        Enabled = true,
    };

    private readonly AnthropicAdapter adapter = new();
    private readonly List<string> emitted = new(4);
    private ChatRequest request = null!;
    private TranslationContext context = null!;
    private (string Event, string Data)[] streamEvents = [];

    [GlobalSetup]
    public void Setup()
    {
        request = ChatRequest.Read(JsonNode.Parse(RequestBody)).Request!;
        context = new TranslationContext("chatcmpl-bench", 1_700_000_000, Model.Id, request);
        var events = new List<(string, string)>
        {
            ("message_start", """{"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":412,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}"""),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
            ("ping", """{"type":"ping"}"""),
        };
        for (var i = 0; i < 200; i++)
        {
            events.Add(("content_block_delta", $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" word{{{i}}}"}}"""));
        }

        events.Add(("content_block_stop", """{"type":"content_block_stop","index":0}"""));
        events.Add(("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":200}}"""));
        events.Add(("message_stop", """{"type":"message_stop"}"""));
        streamEvents = [.. events];
    }

    [Benchmark]
    public int TranslateRequest() => adapter.Translate(request, Model).Body.Length;

    [Benchmark]
    public int TranslateStreamOf200TextEvents()
    {
        var translator = adapter.CreateStreamTranslator(context);
        var chunks = 0;
        foreach (var (name, data) in streamEvents)
        {
            emitted.Clear();
            translator.Translate(name, data, emitted);
            chunks += emitted.Count;
        }

        return translator.Finished ? chunks : -1;
    }
}
