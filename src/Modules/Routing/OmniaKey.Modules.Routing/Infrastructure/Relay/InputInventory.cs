using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Domain.Pricing;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// One pass over the request's messages: enforces the message and content-part caps, and counts what the hold must
/// cover — image, audio and file parts, and the bytes of their inline payloads, which are billed per part rather
/// than per byte (ADR 0015). Reads the parsed body in place; copies nothing but what it counts.
/// </summary>
internal static class InputInventory
{
    /// <summary>The parts of <paramref name="body"/> to estimate, or the field that broke a cap and why.</summary>
    public static (InputParts? Parts, string? Param, string? Error) Take(JsonObject body, long bodyBytes, RequestLimits limits)
    {
        if (body["messages"] is not JsonArray messages)
        {
            // ChatRequest refuses this body with its own message.
            return (new InputParts(bodyBytes, 0, 0, 0), null, null);
        }

        if (messages.Count > limits.MaxMessages)
        {
            return (null, "messages", $"'messages' holds {messages.Count} messages; at most {limits.MaxMessages} are allowed.");
        }

        int parts = 0, images = 0, audios = 0, files = 0;
        long payloadBytes = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message || message["content"] is not JsonArray content)
            {
                continue;
            }

            parts += content.Count;
            if (parts > limits.MaxContentParts)
            {
                return (null, $"messages[{i}].content", $"The messages hold more than {limits.MaxContentParts} content parts in all.");
            }

            foreach (var part in content)
            {
                switch (TypeOf(part))
                {
                    case "image_url":
                        images++;
                        payloadBytes += RawBytes(part!["image_url"] is JsonObject image ? image["url"] : part["image_url"]);
                        break;
                    case "input_audio":
                        audios++;
                        payloadBytes += RawBytes(part!["input_audio"]?["data"]);
                        break;
                    case "file":
                        files++;
                        payloadBytes += RawBytes(part!["file"]?["file_data"]);
                        break;
                }
            }
        }

        return (new InputParts(Math.Max(0, bodyBytes - payloadBytes), images, audios, files), null, null);
    }

    private static string? TypeOf(JsonNode? part) =>
        part is JsonObject o && o["type"] is JsonValue v && v.TryGetValue<string>(out var type) ? type : null;

    /// <summary>
    /// The bytes a string value took in the body (quotes and escapes included), read from the parse itself when the
    /// value is still backed by it, so a megabyte of base64 is measured without being copied.
    /// </summary>
    private static long RawBytes(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return 0;
        }

        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.ValueKind == JsonValueKind.String ? JsonMarshal.GetRawUtf8Value(element).Length : 0;
        }

        return value.TryGetValue<string>(out var text) ? Encoding.UTF8.GetByteCount(text) + 2 : 0;
    }
}
