using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>
/// Speaks one provider's native API on behalf of an OpenAI Chat Completions call: translates the request once,
/// addresses it to any of the provider's channels, and translates answers, stream events and errors back.
/// Adapters are stateless singletons; per-stream state lives in the <see cref="IStreamTranslator"/>.
/// </summary>
internal interface IProviderAdapter
{
    /// <summary>One of <see cref="Domain.Providers.ProviderNames"/>.</summary>
    string Provider { get; }

    /// <summary>
    /// The provider's request for this call. Throws <see cref="RequestTranslationException"/> for what the provider
    /// cannot do (the client gets a 400 naming the parameter, and nothing is charged).
    /// </summary>
    UpstreamPayload Translate(ChatRequest request, CatalogModel model);

    /// <summary>A fresh HTTP request for one attempt against one channel (base URL and credential).</summary>
    HttpRequestMessage CreateHttpRequest(UpstreamPayload payload, UpstreamTarget target);

    /// <summary>The OpenAI <c>chat.completion</c> object for a successful non-streaming answer, and its usage.</summary>
    CompletionResult TranslateCompletion(ReadOnlySpan<byte> body, TranslationContext context);

    /// <summary>
    /// A successful non-streaming answer, ready to relay: translated by default. An adapter whose provider answers in
    /// OpenAI's own format may pass the bytes through instead.
    /// </summary>
    IRelayedCompletion ReadCompletion(ReadOnlySpan<byte> body, TranslationContext context) => TranslateCompletion(body, context);

    /// <summary>A translator holding the state of one streamed answer.</summary>
    IStreamTranslator CreateStreamTranslator(TranslationContext context);

    /// <summary>The provider's error answer, in the terms the gateway needs to fail over or pass it through.</summary>
    UpstreamError ReadError(int status, string body, HttpResponseMessage response);
}

/// <summary>
/// A translated request body, serialised once and re-sent unchanged on failover. <paramref name="Path"/> is relative
/// to a channel's base URL (for example <c>chat/completions</c> or <c>v1/messages</c>).
/// </summary>
internal sealed record UpstreamPayload(byte[] Body, string Path, bool Stream)
{
    /// <summary>A fresh JSON POST of this payload to <paramref name="target"/>; the adapter adds its auth headers.</summary>
    public HttpRequestMessage ToJsonPost(UpstreamTarget target) =>
        new(HttpMethod.Post, new Uri(target.BaseUrl, Path)) { Content = new SignallingContent(Body) };
}

/// <summary>What translators need to know about the call: the id and model the client sees, and its request.</summary>
internal sealed record TranslationContext(string CompletionId, long CreatedUnix, string Model, ChatRequest Request);

/// <summary>A translated answer: the OpenAI object (without <c>usage.cost</c>) and the usage the upstream reported.</summary>
internal sealed record CompletionResult(JsonObject Completion, TokenUsage? Usage) : IRelayedCompletion
{
    public string DeliveredText(ReadOnlySpan<byte> upstreamAnswer) => CompletionText.Of(Completion);

    /// <summary>The object written out, its usage (or <paramref name="settledUsage"/>) given <c>cost</c>.</summary>
    public void WriteTo(IBufferWriter<byte> output, ReadOnlySpan<byte> upstreamAnswer, TokenUsage settledUsage, decimal costUsd)
    {
        var usage = Completion["usage"] as JsonObject ?? OpenAiChunks.UsageObject(settledUsage, null);
        usage["cost"] = JsonValue.Create(costUsd);
        Completion["usage"] = usage;
        using var writer = new Utf8JsonWriter(output);
        Completion.WriteTo(writer);
    }
}
