using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Benchmarks;

/// <summary>
/// The byte handling around a non-streamed call (docs/adr/0022): reading and parsing the client's body (a typical
/// 1 KB request, and a 200 KB conversation), and relaying the upstream's answer (read it, translate it, write it to
/// the client). No network: the bodies come from memory, and the answer is written to a null stream.
/// Run: <c>dotnet run -c Release --project benchmarks/OmniaKey.Benchmarks -- --filter '*RelayBytes*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class RelayBytesBenchmarks
{
    private const string Answer = """
        {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,"model":"gpt-4o-2024-08-06",
         "choices":[{"index":0,"message":{"role":"assistant","content":"It is 15:42 in Paris (CET, UTC+1).","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":412,"completion_tokens":14,"total_tokens":426,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
         "service_tier":"default","system_fingerprint":"fp_f9f4fb6dbf"}
        """;

    private static readonly CatalogModel Model = new()
    {
        Id = "gpt-4o",
        Provider = ProviderNames.OpenAi,
        UpstreamModel = "gpt-4o-2024-08-06",
        MaxOutputTokens = 16_384,
        Enabled = true,
    };

    private readonly OpenAiAdapter adapter = new();
    private byte[] requestBody = null!;
    private byte[] answer = null!;
    private TranslationContext context = null!;

    /// <summary>The client's body: 1 KB (one short turn and a tool) or 200 KB (a long conversation).</summary>
    [Params(1, 200)]
    public int RequestKilobytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var turn = """{"role":"user","content":"What's the weather in Paris right now, and should I take an umbrella? Answer briefly, please."},""";
        var turns = string.Concat(Enumerable.Repeat(turn, Math.Max(1, RequestKilobytes * 1024 / turn.Length - 4)));
        var body = """{"model":"gpt-4o","max_tokens":1024,"messages":[""" + turns
            + """{"role":"user","content":"Thanks!"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string"}}}}}]}""";
        requestBody = Encoding.UTF8.GetBytes(body);
        answer = Encoding.UTF8.GetBytes(Answer);
        var request = ChatRequest.Read(JsonNode.Parse(body)).Request!;
        context = new TranslationContext("chatcmpl-bench", 1_741_569_952, Model.Id, request);
    }

    /// <summary>The admission's body read: bounded, into one buffer, parsed into the lazily read node tree.</summary>
    [Benchmark]
    public async Task<long> ReadRequestBody()
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(requestBody, writable: false);
        http.Request.ContentLength = requestBody.Length;
        var (bytes, node) = await RequestBodyReader.ReadAsync(http, RequestLimits.DefaultMaxRequestBytes);
        return node is null ? -1 : bytes;
    }

    /// <summary>The body read, then translated for OpenAI: what a call costs before its hold.</summary>
    [Benchmark]
    public async Task<int> ReadAndTranslateRequest()
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(requestBody, writable: false);
        http.Request.ContentLength = requestBody.Length;
        var (_, node) = await RequestBodyReader.ReadAsync(http, RequestLimits.DefaultMaxRequestBytes);
        return adapter.Translate(ChatRequest.Read(node).Request!, Model).Body.Length;
    }

    /// <summary>The upstream's answer read to its end, translated, its usage given a cost, and written to the client.</summary>
    [Benchmark]
    public async Task<long> RelayAnswer()
    {
        using var content = new ByteArrayContent(answer);
        content.Headers.ContentLength = answer.Length;
        CompletionResult result;
        using (var bytes = await PooledBytes.ReadAsync(content, CancellationToken.None))
        {
            result = adapter.TranslateCompletion(bytes.Span, context);
        }

        result.Completion["usage"]!["cost"] = JsonValue.Create(0.0000072m);
        var http = new DefaultHttpContext();
        http.Response.Body = Stream.Null;
        using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            result.Completion.WriteTo(writer);
        }

        await http.Response.BodyWriter.FlushAsync();
        return result.Completion.Count;
    }

}
