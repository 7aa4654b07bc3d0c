using System.Buffers;
using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;

/// <summary>
/// The upstream body for an OpenAI model, built from an allow-list of Chat Completions fields whose cost the
/// provider reports in <c>usage</c> and the catalogue prices (docs/providers.md#openai-requests, ADR 0016). Anything
/// else the client sent — <c>store</c>, <c>metadata</c>, <c>audio</c>/<c>modalities</c>, <c>web_search_options</c>,
/// fields OpenAI adds tomorrow — is dropped, so that no call can buy upstream what we do not charge for. Written
/// straight to UTF-8, so the client's nodes are never cloned.
/// </summary>
internal static class OpenAiRequestBody
{
    /// <summary>Forwarded as the client wrote them (already validated by the gateway, or judged by OpenAI).</summary>
    public static readonly FrozenSet<string> Forwarded = new[]
    {
        "messages",
        "max_completion_tokens", "max_tokens", "n", "stop",
        "temperature", "top_p", "seed", "presence_penalty", "frequency_penalty", "logit_bias",
        "logprobs", "top_logprobs",
        "tools", "tool_choice", "parallel_tool_calls", "functions", "function_call",
        "response_format", "reasoning_effort", "verbosity", "prediction",
        "service_tier", // Only "auto" or "default" get this far (ServiceTiers).
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Forwarded, but not as written: the gateway sets these itself.</summary>
    public static readonly FrozenSet<string> Rewritten = new[]
    {
        "model", "stream", "stream_options", "user", "safety_identifier", "prompt_cache_key",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// One buffer and writer per thread, reset between calls (docs/adr/0022): the body is built synchronously, so a
    /// thread never needs two, and the only allocation per call is the finished body. A buffer that an unusually
    /// large request grew is not kept.
    /// </summary>
    private static class ThreadWriter
    {
        private const int KeptCapacity = 64 * 1024;

        [ThreadStatic]
        private static ArrayBufferWriter<byte>? cachedBuffer;

        [ThreadStatic]
        private static Utf8JsonWriter? cachedWriter;

        public static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer) Rent()
        {
            var buffer = cachedBuffer ?? new ArrayBufferWriter<byte>(4096);
            var writer = cachedWriter ?? new Utf8JsonWriter(buffer, WriterOptions);
            cachedBuffer = null;
            cachedWriter = null;
            return (buffer, writer);
        }

        public static void Return(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
        {
            if (buffer.Capacity > KeptCapacity)
            {
                writer.Dispose();
                return;
            }

            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            cachedBuffer = buffer;
            cachedWriter = writer;
        }
    }

    public static byte[] Write(ChatRequest request, CatalogModel model)
    {
        ServiceTiers.EnsureStandard(request.Body);
        var identity = request.Identity;
        var (buffer, writer) = ThreadWriter.Rent();
        try
        {
            writer.WriteStartObject();
            writer.WriteString("model", model.UpstreamModel);
            foreach (var (name, value) in request.Body)
            {
                if (value is null || !Forwarded.Contains(name))
                {
                    continue;
                }

                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            if (request.Stream)
            {
                // Always asked for, whatever the client said: the call is billed from this usage. The relay strips
                // the usage chunk from the client's stream if the client did not ask for it.
                writer.WriteBoolean("stream", true);
                writer.WriteStartObject("stream_options");
                writer.WriteBoolean("include_usage", true);
                writer.WriteEndObject();
            }

            // Identifiers providers attribute abuse by: the account's pseudonym replaces whatever the client wrote,
            // and only where the client used the field, so the body keeps the shape the client chose.
            if (identity is not null)
            {
                foreach (var name in (ReadOnlySpan<string>)["user", "safety_identifier"])
                {
                    if (request.Body[name] is not null)
                    {
                        writer.WriteString(name, identity.EndUserId);
                    }
                }

                if (request.Body["prompt_cache_key"] is JsonValue key && key.TryGetValue<string>(out var cacheKey))
                {
                    writer.WriteString("prompt_cache_key", identity.Scoped("prompt_cache_key", cacheKey));
                }
            }

            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            ThreadWriter.Return(buffer, writer);
        }
    }
}
