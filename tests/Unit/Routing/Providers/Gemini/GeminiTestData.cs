using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Providers.Gemini;

/// <summary>Builds requests the way the relay does and runs them through the Gemini adapter.</summary>
internal static class GeminiTestData
{
    public static readonly CatalogModel Flash = new()
    {
        Id = "gemini-2.5-flash",
        Provider = ProviderNames.Gemini,
        UpstreamModel = "gemini-2.5-flash",
        MaxOutputTokens = 65536,
    };

    public static ChatRequest Request(string json)
    {
        var (request, param, error) = ChatRequest.Read(JsonNode.Parse(json));
        Assert.True(request is not null, $"the test request is invalid: {param}: {error}");
        return request!;
    }

    /// <summary>A request with these messages (a JSON array) and extra top-level fields.</summary>
    public static ChatRequest Chat(string messages, string extra = "")
    {
        var more = extra.Length == 0 ? "" : "," + extra;
        return Request($$"""{"model":"gemini-2.5-flash","messages":{{messages}}{{more}}}""");
    }

    /// <summary>The Gemini body the adapter sends for <paramref name="request"/>.</summary>
    public static JsonObject Translate(ChatRequest request)
    {
        var payload = new GeminiAdapter().Translate(request, Flash);
        return JsonNode.Parse(payload.Body)!.AsObject();
    }

    public static JsonObject TranslateChat(string messages, string extra = "") => Translate(Chat(messages, extra));

    /// <summary>The 400 the adapter refuses <paramref name="request"/> with.</summary>
    public static RequestTranslationException Refusal(ChatRequest request) =>
        Assert.Throws<RequestTranslationException>(() => new GeminiAdapter().Translate(request, Flash));

    public static TranslationContext Context(ChatRequest? request = null) =>
        new("chatcmpl-test", 1_750_000_000, "gemini-2.5-flash", request ?? Chat("""[{"role":"user","content":"Hi"}]"""));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Compact JSON without escaping non-ASCII, so expectations read like the wire.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
