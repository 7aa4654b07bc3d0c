using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;

/// <summary>
/// OpenAI's own API: the request's allow-listed fields are forwarded as the client wrote them (the model id and
/// end-user identifiers are replaced, and usage is always requested on streams so that the call can be billed; see
/// <see cref="OpenAiRequestBody"/>), and answers pass through untouched.
/// </summary>
internal sealed class OpenAiAdapter : IProviderAdapter
{
    public string Provider => ProviderNames.OpenAi;

    public UpstreamPayload Translate(ChatRequest request, CatalogModel model) =>
        new(OpenAiRequestBody.Write(request, model), "chat/completions", request.Stream);

    public HttpRequestMessage CreateHttpRequest(UpstreamPayload payload, UpstreamTarget target)
    {
        var request = payload.ToJsonPost(target);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Credential);
        return request;
    }

    public CompletionResult TranslateCompletion(ReadOnlySpan<byte> body, TranslationContext context)
    {
        var completion = JsonNode.Parse(body) as JsonObject
            ?? throw new JsonException("The upstream answer is not a JSON object.");
        return new CompletionResult(completion, OpenAiUsage.Parse(completion["usage"]));
    }

    /// <summary>
    /// OpenAI's answer is the client's: with usage and no cost of its own, its bytes pass through; anything else is
    /// parsed (and an answer that is not JSON fails there, as it would have anyway).
    /// </summary>
    public IRelayedCompletion ReadCompletion(ReadOnlySpan<byte> body, TranslationContext context) =>
        (IRelayedCompletion?)OpenAiCompletionScan.Read(body) ?? TranslateCompletion(body, context);

    public IStreamTranslator CreateStreamTranslator(TranslationContext context) => new OpenAiStreamTranslator(context);

    public UpstreamError ReadError(int status, string body, HttpResponseMessage response)
    {
        var retryAfter = UpstreamError.RetryAfterOf(response);
        try
        {
            if (JsonNode.Parse(body)?["error"] is JsonObject error)
            {
                return new UpstreamError(
                    status,
                    Text(error["type"]) ?? "upstream_error",
                    Text(error["code"]),
                    Text(error["message"]) ?? $"The upstream answered HTTP {status}.",
                    Text(error["param"]),
                    retryAfter);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall through to the generic message.
        }

        return new UpstreamError(status, "upstream_error", null, $"The upstream answered HTTP {status}.", null, retryAfter);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
