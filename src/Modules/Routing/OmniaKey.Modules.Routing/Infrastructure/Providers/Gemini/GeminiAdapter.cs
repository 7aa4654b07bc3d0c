using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// Google's Gemini API (Generative Language, <c>v1beta</c>) behind the OpenAI Chat Completions API: requests become
/// <c>generateContent</c> / <c>streamGenerateContent?alt=sse</c> calls authenticated with <c>x-goog-api-key</c>, and
/// answers, stream events and errors are translated back (docs/providers.md#gemini).
/// </summary>
internal sealed class GeminiAdapter : IProviderAdapter
{
    public string Provider => ProviderNames.Gemini;

    public UpstreamPayload Translate(ChatRequest request, CatalogModel model)
    {
        var body = GeminiRequestTranslator.Translate(request);
        return new UpstreamPayload(body, PathFor(model.UpstreamModel, request.Stream), request.Stream);
    }

    public HttpRequestMessage CreateHttpRequest(UpstreamPayload payload, UpstreamTarget target)
    {
        var request = payload.ToJsonPost(target);
        request.Headers.Add("x-goog-api-key", target.Credential);
        return request;
    }

    public CompletionResult TranslateCompletion(ReadOnlySpan<byte> body, TranslationContext context) =>
        GeminiResponseTranslator.Translate(body, context);

    public IStreamTranslator CreateStreamTranslator(TranslationContext context) => new GeminiStreamTranslator(context);

    public UpstreamError ReadError(int status, string body, HttpResponseMessage response) =>
        GeminiErrorReader.Read(status, body, UpstreamError.RetryAfterOf(response));

    /// <summary>Relative to the channel's base URL, which has no version segment (https://generativelanguage.googleapis.com).</summary>
    internal static string PathFor(string upstreamModel, bool stream)
    {
        var model = upstreamModel.StartsWith("models/", StringComparison.Ordinal) ? upstreamModel["models/".Length..] : upstreamModel;
        return stream
            ? $"v1beta/models/{model}:streamGenerateContent?alt=sse"
            : $"v1beta/models/{model}:generateContent";
    }
}
