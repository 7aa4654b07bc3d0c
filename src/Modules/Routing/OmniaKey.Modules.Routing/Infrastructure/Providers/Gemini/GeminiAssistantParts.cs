using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// An assistant message as a <c>model</c> turn: its text, then a <c>functionCall</c> part per tool call with the
/// arguments parsed into an object and the thought signature restored from the call id (<see cref="GeminiToolCallIds"/>).
/// </summary>
internal static class GeminiAssistantParts
{
    /// <summary>Writes the turn and records each call's id → name; returns the name of a deprecated <c>function_call</c>.</summary>
    public static string? Write(GeminiContentsWriter contents, JsonObject message, int index, Dictionary<string, string> callNames)
    {
        foreach (var text in GeminiMessageTranslator.TextsOf(message["content"], $"messages[{index}].content", allowRefusal: true))
        {
            contents.Text(GeminiContentsWriter.Model, text);
        }

        if (message["tool_calls"] is JsonArray calls)
        {
            for (var j = 0; j < calls.Count; j++)
            {
                var param = $"messages[{index}].tool_calls[{j}]";
                var call = calls[j] as JsonObject;
                var id = GeminiJson.Text(call?["id"]) ?? throw new RequestTranslationException($"{param}.id", "A tool call needs an 'id'.");
                var function = call!["function"] as JsonObject;
                var name = GeminiJson.Text(function?["name"])
                    ?? throw new RequestTranslationException($"{param}.function.name", "A tool call needs a function 'name'.");
                WriteCall(contents, name, function!["arguments"], $"{param}.function.arguments", GeminiToolCallIds.SignatureOf(id));
                callNames[id] = name;
            }
        }
        else if (message["tool_calls"] is not null)
        {
            throw new RequestTranslationException($"messages[{index}].tool_calls", "'tool_calls' must be an array.");
        }

        if (message["function_call"] is JsonObject functionCall)
        {
            var name = GeminiJson.Text(functionCall["name"])
                ?? throw new RequestTranslationException($"messages[{index}].function_call.name", "A function call needs a 'name'.");
            WriteCall(contents, name, functionCall["arguments"], $"messages[{index}].function_call.arguments", null);
            return name;
        }

        return null;
    }

    private static void WriteCall(GeminiContentsWriter contents, string name, JsonNode? arguments, string param, string? signature)
    {
        var part = contents.Part(GeminiContentsWriter.Model);
        part.WriteStartObject();
        part.WriteStartObject("functionCall");
        part.WriteString("name", name);
        part.WritePropertyName("args");
        WriteArguments(part, arguments, param);
        part.WriteEndObject();
        if (signature is not null)
        {
            part.WriteString("thoughtSignature", signature);
        }

        part.WriteEndObject();
    }

    /// <summary>OpenAI arguments are a JSON string; Gemini's <c>args</c> is an object. An empty string means no arguments.</summary>
    private static void WriteArguments(Utf8JsonWriter writer, JsonNode? arguments, string param)
    {
        var text = GeminiJson.Text(arguments);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (arguments is not null && text is null)
            {
                throw new RequestTranslationException(param, "Tool-call arguments must be a JSON string.");
            }

            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw new RequestTranslationException(param, "Tool-call arguments are not valid JSON.");
        }

        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RequestTranslationException(param, "Tool-call arguments must be a JSON object.");
            }

            parsed.RootElement.WriteTo(writer);
        }
    }
}
