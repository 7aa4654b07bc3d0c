using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// OpenAI sampling and output options → Gemini <c>generationConfig</c> (docs/providers.md#gemini-generation-config). Numbers are copied
/// as written. Gemini needs no output limit, so none is invented when the client gives none. <c>logprobs</c> and
/// <c>logit_bias</c> are dropped: the answer would have nowhere to carry them back.
/// </summary>
internal static class GeminiGenerationConfig
{
    /// <summary>Gemini accepts at most five stop sequences.</summary>
    private const int MaxStopSequences = 5;

    public static void Write(Utf8JsonWriter writer, ChatRequest request)
    {
        var body = request.Body;
        var open = false;

        if (request.MaxOutputTokens is { } maxTokens)
        {
            Open(writer, ref open).WriteNumber("maxOutputTokens", maxTokens);
        }

        CopyNumber(writer, ref open, body, "temperature", "temperature");
        CopyNumber(writer, ref open, body, "top_p", "topP");
        CopyNumber(writer, ref open, body, "seed", "seed");
        CopyNumber(writer, ref open, body, "presence_penalty", "presencePenalty");
        CopyNumber(writer, ref open, body, "frequency_penalty", "frequencyPenalty");
        WriteStop(writer, ref open, body["stop"]);
        if (request.Choices > 1)
        {
            Open(writer, ref open).WriteNumber("candidateCount", request.Choices);
        }

        WriteResponseFormat(writer, ref open, body["response_format"]);
        WriteReasoningEffort(writer, ref open, body["reasoning_effort"]);

        if (open)
        {
            writer.WriteEndObject();
        }
    }

    private static Utf8JsonWriter Open(Utf8JsonWriter writer, ref bool open)
    {
        if (!open)
        {
            writer.WriteStartObject("generationConfig");
            open = true;
        }

        return writer;
    }

    private static void CopyNumber(Utf8JsonWriter writer, ref bool open, JsonObject body, string from, string to)
    {
        var node = body[from];
        if (node is null)
        {
            return;
        }

        if (!GeminiJson.IsNumber(node))
        {
            throw new RequestTranslationException(from, $"'{from}' must be a number.");
        }

        Open(writer, ref open).WritePropertyName(to);
        node.WriteTo(writer);
    }

    private static void WriteStop(Utf8JsonWriter writer, ref bool open, JsonNode? stop)
    {
        switch (stop)
        {
            case null:
                return;
            case JsonValue value when value.TryGetValue<string>(out var single):
                Open(writer, ref open).WriteStartArray("stopSequences");
                writer.WriteStringValue(single);
                writer.WriteEndArray();
                return;
            case JsonArray { Count: 0 }:
                return;
            case JsonArray many when many.Count <= MaxStopSequences && many.All(s => GeminiJson.Text(s) is not null):
                Open(writer, ref open).WriteStartArray("stopSequences");
                foreach (var sequence in many)
                {
                    writer.WriteStringValue(GeminiJson.Text(sequence));
                }

                writer.WriteEndArray();
                return;
            default:
                throw new RequestTranslationException("stop", $"'stop' must be a string or an array of at most {MaxStopSequences} strings.");
        }
    }

    private static void WriteResponseFormat(Utf8JsonWriter writer, ref bool open, JsonNode? format)
    {
        switch (format is null ? null : GeminiJson.Text(GeminiJson.Get(format, "type")) ?? "")
        {
            case null or "text":
                return;
            case "json_object":
                Open(writer, ref open).WriteString("responseMimeType", "application/json");
                return;
            case "json_schema":
                Open(writer, ref open).WriteString("responseMimeType", "application/json");
                if (GeminiJson.Get(GeminiJson.Get(format, "json_schema"), "schema") is JsonObject schema)
                {
                    writer.WritePropertyName("responseJsonSchema");
                    schema.WriteTo(writer);
                }

                return;
            default:
                throw new RequestTranslationException("response_format.type", "'response_format.type' must be text, json_object or json_schema.");
        }
    }

    /// <summary>An approximation: OpenAI's effort levels as Gemini thinking budgets in tokens.</summary>
    private static void WriteReasoningEffort(Utf8JsonWriter writer, ref bool open, JsonNode? effort)
    {
        if (effort is null)
        {
            return;
        }

        var budget = GeminiJson.Text(effort) switch
        {
            "none" => 0,
            "minimal" => 512,
            "low" => 1024,
            "medium" => 8192,
            "high" => 24576,
            _ => throw new RequestTranslationException("reasoning_effort", "'reasoning_effort' must be none, minimal, low, medium or high."),
        };
        Open(writer, ref open).WriteStartObject("thinkingConfig");
        writer.WriteNumber("thinkingBudget", budget);
        writer.WriteEndObject();
    }
}
