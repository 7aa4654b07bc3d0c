using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// OpenAI <c>tools</c> and <c>tool_choice</c> → Gemini <c>tools[].functionDeclarations</c> and
/// <c>toolConfig.functionCallingConfig</c> (docs/providers.md#gemini-tools). Schemas go as <c>parametersJsonSchema</c>, which
/// takes full JSON Schema where <c>parameters</c> rejects some keywords. Gemini has no switch for parallel calls,
/// so <c>parallel_tool_calls</c> is accepted and has no effect.
/// </summary>
internal static class GeminiToolTranslator
{
    public static void Write(Utf8JsonWriter writer, JsonObject body)
    {
        if (body["tools"] is not JsonArray tools)
        {
            if (body["tools"] is not null)
            {
                throw new RequestTranslationException("tools", "'tools' must be an array.");
            }

            return;
        }

        if (tools.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tools");
        writer.WriteStartObject();
        writer.WriteStartArray("functionDeclarations");
        for (var i = 0; i < tools.Count; i++)
        {
            WriteDeclaration(writer, tools[i] as JsonObject, i);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteToolChoice(writer, body["tool_choice"]);
    }

    private static void WriteDeclaration(Utf8JsonWriter writer, JsonObject? tool, int index)
    {
        if (GeminiJson.Text(tool?["type"]) != "function")
        {
            throw new RequestTranslationException($"tools[{index}].type", "Gemini models support tools of type function only.");
        }

        var function = tool!["function"] as JsonObject;
        var name = GeminiJson.Text(function?["name"])
            ?? throw new RequestTranslationException($"tools[{index}].function.name", "A function tool needs a 'name'.");
        writer.WriteStartObject();
        writer.WriteString("name", name);
        if (GeminiJson.Text(function!["description"]) is { } description)
        {
            writer.WriteString("description", description);
        }

        if (function["parameters"] is JsonObject parameters)
        {
            writer.WritePropertyName("parametersJsonSchema");
            parameters.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteToolChoice(Utf8JsonWriter writer, JsonNode? choice)
    {
        if (choice is null)
        {
            return;
        }

        string mode;
        string? allowed = null;
        if (GeminiJson.Text(choice) is { } text)
        {
            mode = text switch
            {
                "auto" => "AUTO",
                "none" => "NONE",
                "required" => "ANY",
                _ => throw InvalidToolChoice(),
            };
        }
        else if (GeminiJson.Text(GeminiJson.Get(choice, "type")) == "function"
            && GeminiJson.Text(GeminiJson.Get(GeminiJson.Get(choice, "function"), "name")) is { } name)
        {
            // A named tool: Gemini must call a function, and only that one.
            mode = "ANY";
            allowed = name;
        }
        else
        {
            throw InvalidToolChoice();
        }

        writer.WriteStartObject("toolConfig");
        writer.WriteStartObject("functionCallingConfig");
        writer.WriteString("mode", mode);
        if (allowed is not null)
        {
            writer.WriteStartArray("allowedFunctionNames");
            writer.WriteStringValue(allowed);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static RequestTranslationException InvalidToolChoice() =>
        new("tool_choice", "'tool_choice' must be none, auto, required or {\"type\":\"function\",\"function\":{\"name\":...}} for Gemini models.");
}
