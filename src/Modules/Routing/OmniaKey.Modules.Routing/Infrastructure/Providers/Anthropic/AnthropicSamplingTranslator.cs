using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary><c>temperature</c>, <c>top_p</c> and <c>stop</c> in Anthropic's terms (docs/providers.md#anthropic-parameters).</summary>
internal static class AnthropicSamplingTranslator
{
    public static void Write(Utf8JsonWriter writer, JsonObject body)
    {
        if (body["temperature"] is { } temperatureNode)
        {
            var temperature = JsonNodes.Number(temperatureNode);
            if (temperature is not (>= 0 and <= 2))
            {
                throw new RequestTranslationException("temperature", "'temperature' must be a number from 0 to 2.");
            }

            // Clamped, not scaled: both APIs mean the same softmax temperature, so 0.7 must stay 0.7 (scaling would
            // turn every common setting into a colder one). Only OpenAI's 1–2 has no Anthropic equivalent, and it
            // gets Anthropic's most random setting, 1. The 2023-06-01 API version is what allows the field at all.
            writer.WriteNumber("temperature", Math.Min(temperature.Value, 1.0));
        }

        if (body["top_p"] is { } topPNode)
        {
            var topP = JsonNodes.Number(topPNode);
            if (topP is not (>= 0 and <= 1))
            {
                throw new RequestTranslationException("top_p", "'top_p' must be a number from 0 to 1.");
            }

            writer.WriteNumber("top_p", topP.Value);
        }

        WriteStopSequences(writer, body["stop"]);
    }

    private static void WriteStopSequences(Utf8JsonWriter writer, JsonNode? stop)
    {
        switch (stop)
        {
            case null:
                return;
            case JsonValue when JsonNodes.Text(stop) is { } single:
                if (single.Length > 0)
                {
                    writer.WriteStartArray("stop_sequences");
                    writer.WriteStringValue(single);
                    writer.WriteEndArray();
                }

                return;
            case JsonArray sequences:
                var started = false;
                for (var i = 0; i < sequences.Count; i++)
                {
                    var sequence = JsonNodes.Text(sequences[i])
                        ?? throw new RequestTranslationException($"stop[{i}]", "Every stop sequence must be a string.");
                    if (sequence.Length == 0)
                    {
                        continue;
                    }

                    if (!started)
                    {
                        writer.WriteStartArray("stop_sequences");
                        started = true;
                    }

                    writer.WriteStringValue(sequence);
                }

                if (started)
                {
                    writer.WriteEndArray();
                }

                return;
            default:
                throw new RequestTranslationException("stop", "'stop' must be a string or an array of strings.");
        }
    }
}
