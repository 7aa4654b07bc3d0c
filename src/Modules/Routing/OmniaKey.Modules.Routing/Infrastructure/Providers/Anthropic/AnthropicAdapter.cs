using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>
/// Anthropic's Messages API behind the OpenAI Chat Completions API: <c>POST {base}/v1/messages</c> with
/// <c>x-api-key</c> and <c>anthropic-version: 2023-06-01</c> (see <see cref="AnthropicApi.Version"/> for why).
/// </summary>
internal sealed class AnthropicAdapter : IProviderAdapter
{
    public string Provider => ProviderNames.Anthropic;

    public UpstreamPayload Translate(ChatRequest request, CatalogModel model) =>
        new(AnthropicRequestTranslator.Translate(request, model), AnthropicApi.MessagesPath, request.Stream);

    public HttpRequestMessage CreateHttpRequest(UpstreamPayload payload, UpstreamTarget target)
    {
        var request = payload.ToJsonPost(target);
        request.Headers.TryAddWithoutValidation(AnthropicApi.ApiKeyHeader, target.Credential);
        request.Headers.TryAddWithoutValidation(AnthropicApi.VersionHeader, AnthropicApi.Version);
        return request;
    }

    public CompletionResult TranslateCompletion(ReadOnlySpan<byte> body, TranslationContext context) =>
        AnthropicResponseTranslator.Translate(body, context);

    public IStreamTranslator CreateStreamTranslator(TranslationContext context) => new AnthropicStreamTranslator(context);

    public UpstreamError ReadError(int status, string body, HttpResponseMessage response) =>
        AnthropicErrorReader.Read(status, body, UpstreamError.RetryAfterOf(response));
}
