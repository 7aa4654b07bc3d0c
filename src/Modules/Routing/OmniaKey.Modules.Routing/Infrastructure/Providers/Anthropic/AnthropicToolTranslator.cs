using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>
/// <c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c> as Anthropic's <c>tools</c> and <c>tool_choice</c>
/// (docs/providers.md#anthropic-tools: auto/none/required/named → auto/none/any/tool).
/// </summary>
internal static class AnthropicToolTranslator
{
    public static void Write(Utf8JsonWriter writer, JsonObject body)
    {
        // Without tools there is nothing to choose from; OpenAI's default is then "none", which needs no field.
        if (body["tools"] is not JsonArray { Count: > 0 } tools)
        {
            if (body["tools"] is not (null or JsonArray))
            {
                throw new RequestTranslationException("tools", "'tools' must be an array.");
            }

            return;
        }

        writer.WriteStartArray("tools");
        for (var i = 0; i < tools.Count; i++)
        {
            WriteTool(writer, tools[i], i);
        }

        writer.WriteEndArray();
        WriteToolChoice(writer, body["tool_choice"], JsonNodes.Boolean(body["parallel_tool_calls"]) == false);
    }

    private static void WriteTool(Utf8JsonWriter writer, JsonNode? tool, int i)
    {
        if (JsonNodes.Text(tool?["type"]) != "function")
        {
            throw new RequestTranslationException($"tools[{i}].type", "Claude models support only tools of type 'function'.");
        }

        var function = tool!["function"];
        if (JsonNodes.Text(function?["name"]) is not { Length: > 0 } name)
        {
            throw new RequestTranslationException($"tools[{i}].function.name", $"tools[{i}].function.name is required.");
        }

        writer.WriteStartObject();
        writer.WriteString("name", name);
        if (JsonNodes.Text(function!["description"]) is { Length: > 0 } description)
        {
            writer.WriteString("description", description);
        }

        writer.WritePropertyName("input_schema");
        switch (function["parameters"])
        {
            case JsonObject parameters:
                parameters.WriteTo(writer);
                break;
            case null:
                // OpenAI allows a function without parameters; Anthropic requires an object schema.
                writer.WriteStartObject();
                writer.WriteString("type", "object");
                writer.WriteStartObject("properties");
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            default:
                throw new RequestTranslationException($"tools[{i}].function.parameters", $"tools[{i}].function.parameters must be a JSON Schema object.");
        }

        if (JsonNodes.Boolean(function["strict"]) == true)
        {
            writer.WriteBoolean("strict", true);
        }

        writer.WriteEndObject();
    }

    private static void WriteToolChoice(Utf8JsonWriter writer, JsonNode? choice, bool disableParallel)
    {
        string type;
        string? name = null;
        switch (choice)
        {
            case null:
                type = "auto";
                break;
            case JsonValue when JsonNodes.Text(choice) is { } mode:
                type = mode switch
                {
                    "auto" => "auto",
                    "none" => "none",
                    "required" => "any",
                    _ => throw new RequestTranslationException("tool_choice", "'tool_choice' must be 'auto', 'none', 'required' or a named function."),
                };
                break;
            case JsonObject when JsonNodes.Text(choice["type"]) == "function" && JsonNodes.Text(choice["function"]?["name"]) is { Length: > 0 } named:
                type = "tool";
                name = named;
                break;
            default:
                throw new RequestTranslationException("tool_choice", "Claude models support 'tool_choice' of 'auto', 'none', 'required' or {\"type\":\"function\",\"function\":{\"name\":…}}.");
        }

        if (choice is null && !disableParallel)
        {
            return; // Anthropic's default is auto, with parallel calls allowed, as OpenAI's.
        }

        writer.WriteStartObject("tool_choice");
        writer.WriteString("type", type);
        if (name is not null)
        {
            writer.WriteString("name", name);
        }

        if (disableParallel && type != "none")
        {
            writer.WriteBoolean("disable_parallel_tool_use", true);
        }

        writer.WriteEndObject();
    }
}
