using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>
/// An OpenAI Chat Completions request as an Anthropic Messages request (docs/providers.md#anthropic-parameters), written straight
/// to UTF-8 so that the client's nodes are never cloned. Only the fields below are written; fields Anthropic has no
/// equivalent for (<c>seed</c>, <c>logprobs</c>, penalties, <c>logit_bias</c>, <c>metadata</c>, <c>service_tier</c>, …)
/// are dropped, so nothing reaches Anthropic that the catalogue does not price (ADR 0016).
/// </summary>
internal static class AnthropicRequestTranslator
{
    // Relaxed escaping: the body goes to an API, never into HTML, and non-ASCII text stays compact.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Translate(ChatRequest request, CatalogModel model)
    {
        if (request.Choices > 1)
        {
            throw new RequestTranslationException("n", "Claude models return one choice per request; 'n' must be 1.");
        }

        ServiceTiers.EnsureStandard(request.Body);
        var body = request.Body;
        var messages = body["messages"]!.AsArray();
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model.UpstreamModel);
            writer.WriteNumber("max_tokens", MaxTokens(request, model));
            AnthropicMessageTranslator.WriteSystem(writer, messages);
            AnthropicMessageTranslator.WriteMessages(writer, messages);
            AnthropicSamplingTranslator.Write(writer, body);
            AnthropicToolTranslator.Write(writer, body);
            WriteResponseFormat(writer, body["response_format"]);
            if (request.Identity is { } identity)
            {
                // Anthropic attributes abuse by this id: the account's pseudonym, never the client's `user` (ADR 0016).
                writer.WriteStartObject("metadata");
                writer.WriteString("user_id", identity.EndUserId);
                writer.WriteEndObject();
            }

            if (request.Stream)
            {
                writer.WriteBoolean("stream", true);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <c>max_tokens</c> is required by Anthropic (and bounds thinking too); OpenAI clients usually leave it out, so
    /// the model's own output limit from the catalogue stands in.
    /// </summary>
    private static long MaxTokens(ChatRequest request, CatalogModel model) =>
        request.MaxOutputTokens ?? (model.MaxOutputTokens > 0 ? model.MaxOutputTokens : AnthropicApi.FallbackMaxTokens);

    /// <summary>
    /// <c>json_schema</c> becomes structured output. <c>json_object</c> has no Anthropic equivalent; a clear 400
    /// is better than silently answering prose to a client that will parse JSON.
    /// </summary>
    private static void WriteResponseFormat(Utf8JsonWriter writer, JsonNode? responseFormat)
    {
        if (responseFormat is null)
        {
            return;
        }

        switch (JsonNodes.Text(responseFormat["type"]))
        {
            case "text":
                return;
            case "json_schema" when (responseFormat["json_schema"]?["schema"]) is JsonObject schema:
                writer.WriteStartObject("output_config");
                writer.WriteStartObject("format");
                writer.WriteString("type", "json_schema");
                writer.WritePropertyName("schema");
                schema.WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
                return;
            case "json_schema":
                throw new RequestTranslationException("response_format.json_schema.schema", "'response_format.json_schema.schema' must be a JSON Schema object.");
            case "json_object":
                throw new RequestTranslationException(
                    "response_format",
                    "Claude models do not support response_format 'json_object'; use 'json_schema' with a schema instead.");
            default:
                throw new RequestTranslationException("response_format.type", "'response_format.type' must be 'text', 'json_object' or 'json_schema'.");
        }
    }
}
