using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>An assistant's OpenAI tool call as a <c>tool_use</c> block: its JSON-string arguments become an object.</summary>
internal static class AnthropicToolCallTranslator
{
    public static void WriteToolUse(Utf8JsonWriter writer, JsonNode? call, string param)
    {
        if (JsonNodes.Text(call?["id"]) is not { Length: > 0 } id)
        {
            throw new RequestTranslationException(param + ".id", $"{param}.id is required.");
        }

        var function = call!["function"];
        if (JsonNodes.Text(function?["name"]) is not { Length: > 0 } name)
        {
            throw new RequestTranslationException(param + ".function.name", $"{param}.function.name is required.");
        }

        writer.WriteStartObject();
        writer.WriteString("type", "tool_use");
        writer.WriteString("id", id);
        writer.WriteString("name", name);
        writer.WritePropertyName("input");
        WriteInput(writer, function!["arguments"], param + ".function.arguments");
        writer.WriteEndObject();
    }

    /// <summary>
    /// Anthropic needs <c>input</c> as a JSON object, so arguments that are not one cannot be translated;
    /// an empty string, which some clients send for a call without parameters, means no arguments.
    /// </summary>
    private static void WriteInput(Utf8JsonWriter writer, JsonNode? arguments, string param)
    {
        if (arguments is JsonObject inline)
        {
            inline.WriteTo(writer);
            return;
        }

        var text = JsonNodes.Text(arguments);
        if (string.IsNullOrWhiteSpace(text))
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                document.RootElement.WriteTo(writer);
                return;
            }
        }
        catch (JsonException)
        {
            // Reported below, with the parameter's path.
        }

        throw new RequestTranslationException(param, $"{param} must be a JSON object encoded as a string, to be sent to a Claude model.");
    }
}
