using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Benchmarks;

/// <summary>
/// The Gemini adapter's per-call CPU work: translating a typical request (system prompt, three turns with a tool
/// call and its result, two tools), a whole answer, and a 200-event text stream into OpenAI chunks.
/// Run: <c>dotnet run -c Release --project benchmarks/OmniaKey.Benchmarks -- --filter '*Gemini*'</c>.
/// </summary>
[MemoryDiagnoser]
public class GeminiTranslationBenchmarks
{
    private const string RequestBody = """
        {"model":"gemini-2.5-flash","max_tokens":1024,"temperature":0.7,"stream":true,
         "messages":[
           {"role":"system","content":"You are a concise travel assistant. Use the tools when they help."},
           {"role":"user","content":"What is the weather in Paris, and what should I pack for three days?"},
           {"role":"assistant","content":null,"tool_calls":[{"id":"call_0123456789abcdef01234567__thought__CiQBjz1rX2sIgnAtUrE0fTheModel==","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"days\":3}"}}]},
           {"role":"tool","tool_call_id":"call_0123456789abcdef01234567__thought__CiQBjz1rX2sIgnAtUrE0fTheModel==","content":"{\"forecast\":[\"sunny 24C\",\"cloudy 19C\",\"rain 16C\"]}"},
           {"role":"assistant","content":"Paris will be sunny, then cooler with rain on the third day."},
           {"role":"user","content":"Great. Any museum you would book ahead?"}],
         "tools":[
           {"type":"function","function":{"name":"get_weather","description":"Forecast for a city","parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1,"maximum":10}},"required":["city"]}}},
           {"type":"function","function":{"name":"book_ticket","description":"Books a museum ticket","parameters":{"type":"object","properties":{"museum":{"type":"string"},"date":{"type":"string","format":"date"}},"required":["museum","date"]}}}],
         "tool_choice":"auto"}
        """;

    private const string Answer = """
        {
          "candidates": [
            {
              "content": {
                "parts": [
                  {
                    "text": "Book the Louvre ahead: timed entry sells out in summer. The Musée d'Orsay is easier, but a morning slot avoids the queue."
                  }
                ],
                "role": "model"
              },
              "finishReason": "STOP",
              "index": 0
            }
          ],
          "usageMetadata": {
            "promptTokenCount": 412,
            "candidatesTokenCount": 31,
            "totalTokenCount": 611,
            "thoughtsTokenCount": 168
          },
          "modelVersion": "gemini-2.5-flash"
        }

        """;

    private static readonly CatalogModel Model = new()
    {
        Id = "gemini-2.5-flash",
        Provider = ProviderNames.Gemini,
        UpstreamModel = "gemini-2.5-flash",
        MaxOutputTokens = 65536,
    };

    private readonly GeminiAdapter adapter = new();
    private readonly List<string> emit = new(4);
    private ChatRequest request = null!;
    private TranslationContext context = null!;
    private byte[] answer = null!;
    private string[] streamEvents = null!;

    [GlobalSetup]
    public void Setup()
    {
        request = ChatRequest.Read(JsonNode.Parse(RequestBody)).Request!;
        context = new TranslationContext("chatcmpl-bench", 1_750_000_000, Model.Id, request);
        answer = Encoding.UTF8.GetBytes(Answer);
        streamEvents = [.. Enumerable.Range(0, 200).Select(i =>
            $$"""{"candidates": [{"content": {"parts": [{"text": " token{{i}}"}],"role": "model"}{{(i == 199 ? ",\"finishReason\": \"STOP\"" : "")}},"index": 0}],"usageMetadata": {"promptTokenCount": 412,"candidatesTokenCount": {{i + 1}},"totalTokenCount": {{413 + i}}},"modelVersion": "gemini-2.5-flash"}""")];
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

        return chunks;
    }
}
