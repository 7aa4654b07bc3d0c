using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// An OpenAI Chat Completions request → a Gemini <c>generateContent</c> body, written straight to UTF-8 without an
/// intermediate tree. Fields Gemini has no equivalent for (<c>user</c>, <c>name</c> on messages, <c>logprobs</c>,
/// <c>parallel_tool_calls</c>…) are dropped; what it cannot do at all is refused with a 400 naming the parameter.
/// </summary>
internal static class GeminiRequestTranslator
{
    public static byte[] Translate(ChatRequest request)
    {
        ServiceTiers.EnsureStandard(request.Body);
        if (request.Stream && request.Choices > 1)
        {
            // Gemini's stream interleaves candidates with no guarantee of order or of one finish per candidate, and
            // the gateway's stream is one choice; several answers are available without streaming.
            throw new RequestTranslationException("n", "Gemini models support 'n' greater than 1 only without streaming.");
        }

        if (request.Body["messages"] is not JsonArray messages)
        {
            throw new RequestTranslationException("messages", "'messages' must be a non-empty array.");
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, GeminiJson.WriterOptions))
        {
            writer.WriteStartObject();
            GeminiMessageTranslator.Write(writer, messages);
            GeminiToolTranslator.Write(writer, request.Body);
            GeminiGenerationConfig.Write(writer, request);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
