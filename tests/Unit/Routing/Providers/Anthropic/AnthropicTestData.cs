using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Providers.Anthropic;

/// <summary>Builds requests, contexts and streams for the Anthropic translation tests.</summary>
internal static class AnthropicTestData
{
    public static readonly AnthropicAdapter Adapter = new();

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static CatalogModel Model(int maxOutputTokens = 64000) => new()
    {
        Id = "claude-sonnet-4-5",
        Provider = ProviderNames.Anthropic,
        UpstreamModel = "claude-sonnet-4-5-20250929",
        MaxOutputTokens = maxOutputTokens,
        Enabled = true,
    };

    public static ChatRequest Request(string json)
    {
        var (request, param, error) = ChatRequest.Read(JsonNode.Parse(json));
        Assert.True(request is not null, $"test request is invalid: {param}: {error}");
        return request!;
    }

    /// <summary>The upstream body for an OpenAI request body, parsed back for assertions.</summary>
    public static JsonObject Translate(string json, CatalogModel? model = null)
    {
        var payload = Adapter.Translate(Request(json), model ?? Model());
        return JsonNode.Parse(payload.Body)!.AsObject();
    }

    /// <summary>A request body with the given messages (a JSON array) and extra top-level fields.</summary>
    public static string Body(string messages, string extra = "") =>
        $$"""{"model":"claude-sonnet-4-5","messages":{{messages}}{{(extra.Length > 0 ? "," + extra : "")}}}""";

    public static string UserHello(string extra = "") => Body("""[{"role":"user","content":"Hello"}]""", extra);

    public static RequestTranslationException TranslationError(string json) =>
        Assert.Throws<RequestTranslationException>(() => Adapter.Translate(Request(json), Model()));

    public static TranslationContext Context(bool stream = false) =>
        new("chatcmpl-test", 1_700_000_000, "claude-sonnet-4-5", Request(UserHello(stream ? "\"stream\":true" : "")));

    /// <summary>Runs an SSE text through the real reader and a fresh translator; returns it and the chunks it emitted.</summary>
    public static async Task<(IStreamTranslator Translator, List<JsonObject> Chunks)> StreamAsync(string sse)
    {
        var translator = Adapter.CreateStreamTranslator(Context(stream: true));
        var emitted = new List<string>();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(sse));
        await foreach (var item in SseReader.ReadAsync(stream, CancellationToken.None))
        {
            translator.Translate(item.Event, item.Data, emitted);
        }

        return (translator, emitted.Select(e => JsonNode.Parse(e)!.AsObject()).ToList());
    }

    /// <summary>Compares JSON by value: how strings are escaped on the wire does not matter.</summary>
    public static void AssertJson(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual), $"Expected {expectedNode?.ToJsonString(Relaxed)}\nActual   {actual?.ToJsonString(Relaxed)}");
    }

    public static JsonNode Delta(JsonObject chunk) => chunk["choices"]![0]!["delta"]!;

    public static string? FinishReason(JsonObject chunk) => chunk["choices"]![0]!["finish_reason"]?.GetValue<string>();
}
